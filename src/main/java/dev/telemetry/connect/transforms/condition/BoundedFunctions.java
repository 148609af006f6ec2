package dev.telemetry.connect.transforms.condition;

import com.google.protobuf.ByteString;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * Runtime bindings, under CEL's own overload ids, for the functions whose result can be larger than their inputs put
 * together times a constant: string and bytes concatenation ({@code +}) and the strings extension's {@code replace}
 * and {@code join}. Each computes its result size first and charges it to the {@link EvaluationBudget}, so a
 * {@code replace} chain or a {@code join} over a long list fails before it allocates, instead of exhausting the
 * worker's heap. The library's own bindings for these overloads are left out of the runtime (see
 * {@link ConditionCompiler}); type-checking still uses the library's declarations, so the language is unchanged.
 */
final class BoundedFunctions {

    private BoundedFunctions() {}

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("add_string", String.class, String.class, BoundedFunctions::concat),
                CelFunctionBinding.from("add_bytes", ByteString.class, ByteString.class, BoundedFunctions::concat),
                CelFunctionBinding.from(
                        "string_replace_string_string",
                        List.of(String.class, String.class, String.class),
                        args -> replace((String) args[0], (String) args[1], (String) args[2], -1)),
                CelFunctionBinding.from(
                        "string_replace_string_string_int",
                        List.of(String.class, String.class, String.class, Long.class),
                        args -> replace((String) args[0], (String) args[1], (String) args[2], (Long) args[3])),
                CelFunctionBinding.from("list_join", List.class, list -> join(list, "")),
                CelFunctionBinding.from("list_join_string", List.class, String.class, BoundedFunctions::join));
    }

    static String concat(String a, String b) throws CelEvaluationException {
        EvaluationBudget.charge((long) a.length() + b.length(), "'+'");
        return a.concat(b);
    }

    static ByteString concat(ByteString a, ByteString b) throws CelEvaluationException {
        EvaluationBudget.charge((long) a.size() + b.size(), "'+'");
        return a.concat(b);
    }

    /**
     * CEL's {@code replace}: the first {@code limit} occurrences of {@code target} (all when negative); an empty
     * target matches before every code point and at the end.
     */
    static String replace(String s, String target, String replacement, long limit) throws CelEvaluationException {
        if (limit == 0 || target.equals(replacement)) {
            return s;
        }
        long occurrences = occurrences(s, target, limit);
        if (occurrences == 0) {
            return s;
        }
        long size = s.length() + occurrences * ((long) replacement.length() - target.length());
        EvaluationBudget.charge(size, "replace");
        StringBuilder out = new StringBuilder((int) size);
        if (target.isEmpty()) {
            int i = 0;
            for (long done = 0; done < occurrences; done++) {
                out.append(replacement);
                if (i < s.length()) {
                    int next = s.offsetByCodePoints(i, 1);
                    out.append(s, i, next);
                    i = next;
                }
            }
            return out.append(s, i, s.length()).toString();
        }
        int from = 0;
        for (long done = 0; done < occurrences; done++) {
            int at = s.indexOf(target, from);
            out.append(s, from, at).append(replacement);
            from = at + target.length();
        }
        return out.append(s, from, s.length()).toString();
    }

    private static long occurrences(String s, String target, long limit) {
        long bound = limit < 0 ? Long.MAX_VALUE : limit;
        if (target.isEmpty()) {
            return Math.min(bound, s.codePointCount(0, s.length()) + 1L);
        }
        long count = 0;
        int at = s.indexOf(target);
        while (at >= 0 && count < bound) {
            count++;
            at = s.indexOf(target, at + target.length());
        }
        return count;
    }

    static String join(List<?> parts, String separator) throws CelEvaluationException {
        long size = Math.max(0, parts.size() - 1L) * separator.length();
        for (Object part : parts) {
            if (!(part instanceof String)) {
                throw new CelEvaluationException("join needs a list of strings, but it holds a "
                        + (part == null ? "null" : part.getClass().getSimpleName()));
            }
            size += ((String) part).length();
        }
        EvaluationBudget.charge(size, "join");
        StringBuilder out = new StringBuilder((int) size);
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append((String) parts.get(i));
        }
        return out.toString();
    }
}
