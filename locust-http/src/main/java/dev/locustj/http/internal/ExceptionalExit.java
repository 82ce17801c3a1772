package dev.locustj.http.internal;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells whether {@code close()} was called by a try-with-resources block that an exception is leaving. Locust's
 * catch-response context manager sees that exception ({@code __exit__}); Java's {@code close()} does not, so this
 * looks at the caller's bytecode: javac closes the resource on the exceptional path inside a
 * {@code catch (Throwable)} range that begins one instruction before the {@code close()} call, which the normal path
 * never has. Unknown shapes (other compilers) answer false, i.e. the response is reported by its status as before.
 * The exception tables are read once per class with ASM and cached.
 */
final class ExceptionalExit {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Map<String, int[]> NONE = Map.of();
    private static final ClassValue<Map<String, int[]>> TABLES = new ClassValue<>() {
        @Override
        protected Map<String, int[]> computeValue(Class<?> type) {
            return read(type);
        }
    };

    private ExceptionalExit() {
    }

    /** Whether the code that called the response's close() is on a try-with-resources exceptional path. */
    static boolean closingBecauseOfException() {
        Optional<StackWalker.StackFrame> caller = WALKER.walk(s -> s
                .filter(f -> f.getDeclaringClass() != DefaultHttpResponse.class
                        && f.getDeclaringClass() != ExceptionalExit.class)
                .findFirst());
        if (caller.isEmpty()) {
            return false;
        }
        StackWalker.StackFrame f = caller.get();
        int[] starts = TABLES.get(f.getDeclaringClass()).get(f.getMethodName() + f.getDescriptor());
        if (starts == null) {
            return false;
        }
        int bci = f.getByteCodeIndex();
        for (int start : starts) {
            // "aload r; invokeinterface close" with the range starting at the aload (1 or 2 bytes, wide: 4)
            if (bci > start && bci - start <= 4) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, int[]> read(Class<?> type) {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            if (in == null) {
                return NONE;
            }
            Map<Label, Integer> offsets = new IdentityHashMap<>();
            ClassReader reader = new ClassReader(in) {
                @Override
                protected Label readLabel(int bytecodeOffset, Label[] labels) {
                    Label l = super.readLabel(bytecodeOffset, labels);
                    offsets.put(l, bytecodeOffset);
                    return l;
                }
            };
            Map<String, List<Label>> ranges = new HashMap<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    List<Label> starts = new ArrayList<>();
                    ranges.put(name + descriptor, starts);
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitTryCatchBlock(Label start, Label end, Label handler, String exType) {
                            if (exType == null || exType.equals("java/lang/Throwable")) {
                                starts.add(start);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            Map<String, int[]> result = new HashMap<>();
            ranges.forEach((method, labels) -> {
                if (!labels.isEmpty()) {
                    result.put(method, labels.stream().mapToInt(l -> offsets.getOrDefault(l, -100)).toArray());
                }
            });
            return Map.copyOf(result);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

}
