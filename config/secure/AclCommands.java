import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.tools.AclCommand;

/**
 * Runs Kafka's kafka-acls (AclCommand) once per line of standard input, all in this one JVM: a JVM per line costs
 * seconds each on a loaded machine. Each line is the arguments of one call, split on white space. AclCommand exits
 * the JVM with status 1 at the first call that fails, so nothing after a failure runs.
 *
 * <p>create-acls.sh runs it with Java's source launcher: {@code java -cp KAFKA_JARS AclCommands.java < lines}.
 */
public final class AclCommands {

    private AclCommands() {}

    public static void main(String[] args) throws Exception {
        List<String[]> calls = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    calls.add(line.trim().split("\\s+"));
                }
            }
        }
        for (String[] call : calls) {
            System.err.println("kafka-acls " + String.join(" ", Arrays.asList(call)).replaceAll("--command-config \\S+ ", ""));
            AclCommand.main(call);
        }
    }
}
