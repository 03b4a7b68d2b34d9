package dev.dobby.hub.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dobby.hub.store.GpuHolder;
import dev.dobby.protocol.GpuRequest;
import dev.dobby.protocol.gpu.GpuState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which GPUs a request gets: matching name and free memory, not held unless both sides share, most free first. */
class GpuPlacementTest {
    private static GpuState gpu(int index, String name, long used, long total) {
        return new GpuState(index, name, "GPU-" + index, 0, used, total, null, null, null, List.of(), List.of());
    }

    private static final List<GpuState> BOX = List.of(
            gpu(0, "NVIDIA H100 80GB HBM3", 70_000, 81_559),
            gpu(1, "NVIDIA H100 80GB HBM3", 1_000, 81_559),
            gpu(2, "NVIDIA A100-SXM4-40GB", 0, 40_960),
            gpu(3, "NVIDIA H100 80GB HBM3", 20_000, 81_559));

    @Test
    void modelAndFreeMemoryDecideAndTheFreestGoFirst() {
        assertThat(GpuPlacement.choose(BOX, List.of(), new GpuRequest(2, "h100", null), false, p -> false))
                .contains(List.of(1, 3));
        assertThat(GpuPlacement.choose(BOX, List.of(), new GpuRequest(1, null, 70_000L), false, p -> false))
                .contains(List.of(1));
        assertThat(GpuPlacement.choose(BOX, List.of(), new GpuRequest(3, "H100", 40_000L), false, p -> false))
                .isEmpty();
        assertThat(GpuPlacement.choose(BOX, List.of(), GpuRequest.NONE, false, p -> false)).contains(List.of());
    }

    @Test
    void aHeldGpuIsSharedOnlyWhenBothProjectsShare() {
        List<GpuHolder> holders = List.of(new GpuHolder(7, 70, "train", List.of(1)));
        GpuRequest one = new GpuRequest(1, "H100", null);
        assertThat(GpuPlacement.choose(BOX, holders, one, false, p -> true)).contains(List.of(3));
        List<GpuState> onlyOne = List.of(BOX.get(1));
        assertThat(GpuPlacement.choose(onlyOne, holders, one, false, p -> true)).isEqualTo(Optional.empty());
        assertThat(GpuPlacement.choose(onlyOne, holders, one, true, p -> false)).isEqualTo(Optional.empty());
        assertThat(GpuPlacement.choose(onlyOne, holders, one, true, "train"::equals)).contains(List.of(1));
    }

    @Test
    void couldEverServeLooksAtTotalsAndDescribeSaysWhatThereIs() {
        assertThat(GpuPlacement.couldEverServe(BOX, new GpuRequest(3, "H100", 80_000L))).isTrue();
        assertThat(GpuPlacement.couldEverServe(BOX, new GpuRequest(2, "A100", null))).isFalse();
        assertThat(GpuPlacement.describe("gpu-1", BOX))
                .isEqualTo("gpu-1: 1 × NVIDIA A100-SXM4-40GB (40960 MiB), 3 × NVIDIA H100 80GB HBM3 (81559 MiB)");
    }
}
