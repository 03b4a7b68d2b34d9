#!/usr/bin/env bash
# Scores how an assistant reads Slack requests, on the evaluation set the rules parser is tested with
# (slack/src/test/resources/parser-eval.jsonl). It uses the assistant the environment configures, as `dobby slack`
# would: Claude Code when `claude` is on the PATH, else the Anthropic API when ANTHROPIC_API_KEY is set
# (DOBBY_ASSISTANT, DOBBY_ASSISTANT_MODEL, DOBBY_CLAUDE_BIN and ANTHROPIC_BASE_URL as in docs/slack.md).
# Each message is one model call: about 84 calls with a small model.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q -pl slack -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/eval-slack-parser.classpath >/dev/null
cp="slack/target/test-classes:slack/target/classes:$(cat slack/target/eval-slack-parser.classpath)"
. bin/find-java.sh
dobby_find_java
exec "$DOBBY_JAVA_CMD" -cp "$cp" dev.dobby.slack.ParserEvaluationMain "$@"
