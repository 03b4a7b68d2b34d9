package dev.dobby.hub.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.testing.Http;
import dev.dobby.hub.testing.TestHub;
import dev.dobby.protocol.Task;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's GPU request is stored with it and returned as it was given; nonsense is refused with a reason. */
class GpuRequestFieldsTest {
    @TempDir
    Path home;

    @Test
    void gpuFieldsAreStoredAndReturned() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Http http = new Http(hub.url());
            Http.Reply created = http.post("/tasks", """
                    {"description":"train","project":"p","backend":"shell","draft":true,
                     "gpus":2,"gpu_model":"H100","gpu_memory_mb":40960}""");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("gpus").asInt()).isEqualTo(2);
            assertThat(created.json().path("gpu_model").asText()).isEqualTo("H100");
            assertThat(created.json().path("gpu_memory_mb").asLong()).isEqualTo(40960);

            Task read = hub.api().getTask(created.json().path("id").asLong());
            assertThat(read.gpus()).isEqualTo(2);
            assertThat(read.gpuModel()).isEqualTo("H100");
            assertThat(read.gpuMemoryMb()).isEqualTo(40960L);
            assertThat(read.gpuRequest().describe()).isEqualTo("2 GPUs (model H100, 40960 MiB free each)");

            Http.Reply plain = http.post("/tasks", "{\"description\":\"x\",\"project\":\"p\",\"draft\":true}");
            assertThat(plain.json().path("gpus").asInt()).isZero();
            assertThat(plain.json().path("gpu_model").isNull()).isTrue();
        }
    }

    @Test
    void badGpuRequestsAreRefusedWithAReason() {
        try (TestHub hub = TestHub.start(home)) {
            hub.project("p");
            Http http = new Http(hub.url());
            Http.Reply negative = http.post("/tasks", "{\"description\":\"x\",\"project\":\"p\",\"gpus\":-1}");
            assertThat(negative.status()).isEqualTo(400);
            assertThat(negative.error()).isEqualTo("gpus must be from 0 to 64");
            Http.Reply modelOnly = http.post("/tasks", "{\"description\":\"x\",\"project\":\"p\",\"gpu_model\":\"A100\"}");
            assertThat(modelOnly.status()).isEqualTo(400);
            assertThat(modelOnly.error()).isEqualTo("gpu_model and gpu_memory_mb need gpus of 1 or more");
            assertThat(hub.api().listTasks(dev.dobby.protocol.TaskQuery.all()).total()).isZero();
        }
    }
}
