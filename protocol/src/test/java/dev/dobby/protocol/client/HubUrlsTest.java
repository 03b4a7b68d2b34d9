package dev.dobby.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HubUrlsTest {
    private final HubUrls urls = new HubUrls("http://a:1/, http://b:2", HubHttpClient::normalize);

    @Test
    void startsWithTheFirstAndMovesOnFromAHubThatCannotBeReached() {
        assertThat(urls.current()).isEqualTo("http://a:1");
        urls.skip("http://a:1");
        assertThat(urls.current()).isEqualTo("http://b:2");
        urls.skip("http://a:1");
        assertThat(urls.current()).as("a stale failure does not move it again").isEqualTo("http://b:2");
        urls.skip("http://b:2");
        assertThat(urls.current()).isEqualTo("http://a:1");
    }

    @Test
    void followsTheLeaderAStandbyNamesWhenItIsOneOfTheList() {
        assertThat(urls.follow("http://a:1", "http://b:2/")).isTrue();
        assertThat(urls.current()).isEqualTo("http://b:2");
        assertThat(urls.follow("http://b:2", "http://elsewhere:3")).as("unknown leader: the next hub").isTrue();
        assertThat(urls.current()).isEqualTo("http://a:1");
    }

    @Test
    void oneHubHasNowhereElseToGo() {
        HubUrls single = new HubUrls("http://a:1", HubHttpClient::normalize);
        assertThat(single.follow("http://a:1", null)).isFalse();
        assertThat(new HubUrls(null, HubHttpClient::normalize).current()).isEqualTo(HubHttpClient.DEFAULT_URL);
        assertThatThrownBy(() -> new HubUrls("http://a:1,ftp://b", HubHttpClient::normalize))
                .hasMessageContaining("hub URL must look like http://host:port");
    }
}
