package dev.locustj.core.internal.output;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Python's number formatting, so outputs read byte for byte as Locust's. */
public final class PyFormat {

    /** Locust's PERCENTILES_TO_REPORT. */
    public static final List<Double> PERCENTILES_TO_REPORT =
            List.of(0.50, 0.66, 0.75, 0.80, 0.90, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0);

    private PyFormat() {
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, {@code 12.0}, {@code 1e+16}, {@code 1e-05}. */
    public static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        } else if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        } else if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int decpt = bd.precision() - bd.scale();
        if (decpt > -4 && decpt <= 16) {
            String s = bd.toPlainString();
            return s.indexOf('.') < 0 ? s + ".0" : s;
        }
        String digits = bd.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        int exp = decpt - 1;
        int abs = Math.abs(exp);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
    }

    /**
     * A number that Python would hold as an int when it is whole (e.g. a min/max response time): {@code 12} for
     * 12.0, else {@link #pyFloat}.
     */
    public static String pyNumber(double d) {
        if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return pyFloat(d);
    }

    /** Python's {@code "%.Nf" % d}: correctly rounded (half-even on the exact binary value). */
    public static String fixed(double d, int decimals) {
        if (!Double.isFinite(d)) {
            return Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(d).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (d < 0 || (d == 0 && 1 / d < 0)) {
            return s.startsWith("-") ? s : "-" + s;
        }
        return s;
    }

    /** Locust's get_readable_percentiles: {@code 50%}, {@code 99.9%}, {@code 99.99%}, {@code 100%}. */
    public static String percentLabel(double p) {
        double v = p * 100;
        if (v == Math.rint(v)) {
            return (long) v + "%";
        }
        return pyFloat(BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).doubleValue()) + "%";
    }

    /** Python's {@code "%-Ns"}: left-justified in {@code width}, never truncated. */
    public static String ljust(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Python's {@code "%Ns"}: right-justified in {@code width}, never truncated. */
    public static String rjust(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Python's {@code "%Nd" % x} for a float x: truncated toward zero. */
    public static String intOf(double d, int width) {
        return rjust(Long.toString((long) d), width);
    }
}
