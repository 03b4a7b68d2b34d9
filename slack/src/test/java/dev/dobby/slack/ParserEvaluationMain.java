package dev.dobby.slack;

import dev.dobby.assistant.AssistantSettings;
import dev.dobby.assistant.FirstAvailable;
import dev.dobby.protocol.Project;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Runs the evaluation set against the assistant the environment configures (bin/eval-slack-parser.sh), the way the
 * bot would: same prompt, same checks, rules when the assistant gives no usable answer (counted apart). Prints the
 * score, each miss and what the calls cost.
 */
public final class ParserEvaluationMain {
    private ParserEvaluationMain() {
    }

    public static void main(String[] args) throws Exception {
        AssistantSettings settings = AssistantSettings.from(System.getenv());
        FirstAvailable assistants = settings.assistants();
        if (assistants.isEmpty()) {
            System.err.println("no assistant available: install Claude Code (claude on the PATH) or set ANTHROPIC_API_KEY;"
                    + " DOBBY_ASSISTANT chooses (see docs/slack.md)");
            System.exit(2);
        }
        System.out.println("assistants: " + String.join(", then ", assistants.names()));
        DoubleAdder cost = new DoubleAdder();
        Interpreter interpreter = new Interpreter(assistants, (q, a) -> cost.add(a.usage().costUsd()));
        List<Project> projects = ParserEvaluation.PROJECTS.stream()
                .map(name -> new Project(name, "/src/" + name, null, null, Instant.EPOCH)).toList();
        AtomicReference<Integer> byRules = new AtomicReference<>(0);
        ParserEvaluation.Score score = ParserEvaluation.score(message -> {
            Interpreter.Understanding u = interpreter.read(message, projects);
            if (Interpreter.RULES.equals(u.by())) {
                byRules.set(byRules.get() + 1);
            }
            return u.tasks();
        });
        ParserEvaluation.Score heldOut = ParserEvaluation.score(m -> interpreter.read(m, projects).tasks(),
                ParserEvaluation.heldOut());
        System.out.println("assistant: " + score + "; held-out messages: " + heldOut);
        System.out.println(byRules.get() + " of " + score.total() + " fell back to the rules");
        score.misses().forEach(m -> System.out.println("  miss: " + m));
        System.out.println(String.format(Locale.ROOT, "cost: $%.4f", cost.sum()));
    }
}
