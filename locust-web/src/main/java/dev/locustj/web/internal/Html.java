package dev.locustj.web.internal;

/** HTML escaping (Python's {@code html.escape(s, quote=False)} for names, with quotes for attributes). */
public final class Html {

    private Html() {
    }

    /** Escapes &amp;, &lt;, &gt;, and both quotes. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#x27;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Makes JSON safe to embed in a {@code <script>} element (no "</script>", no HTML comment openers). */
    public static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
