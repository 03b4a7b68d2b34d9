package dev.dobby.hub.core.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses a webhook may be sent to. A webhook URL is data a user (or anyone who can edit a project) chose,
 * and the hub often runs next to things that trust local callers: so unless {@code webhook_allow_private} is set,
 * targets that resolve to loopback, link-local, private, shared (CGNAT), multicast or unspecified addresses are
 * refused. Every address a name resolves to is checked, not just the first. The cloud metadata service is refused
 * even with the allowance: nothing legitimate receives webhooks there.
 */
public final class WebhookTargets {
    private final boolean allowPrivate;
    private final Resolver resolver;

    /** Looks a host name up; tests replace it to play DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public WebhookTargets(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    public WebhookTargets(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** A target the hub will not send to, with the reason. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** Check {@code url}'s form and every address its host resolves to; the addresses if all are allowed. */
    public List<InetAddress> check(URI url) throws Refused {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("only http and https webhooks are sent, not '" + url.getScheme() + "'");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new Refused("the webhook URL has no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new Refused("cannot resolve " + bare);
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("cannot resolve " + bare);
        }
        for (InetAddress address : addresses) {
            String why = forbidden(address);
            if (why != null) {
                throw new Refused(bare + (bare.equals(address.getHostAddress()) ? "" : " resolves to "
                        + address.getHostAddress() + ", which") + " is " + why
                        + (isMetadata(address) ? "" : "; set webhook_allow_private: true on the hub to allow it"));
            }
        }
        return List.of(addresses);
    }

    /** Why the hub will not send to {@code address}, or null if it may. */
    String forbidden(InetAddress address) {
        if (isMetadata(address)) {
            return "the cloud metadata service, where webhooks are never sent";
        }
        if (allowPrivate) {
            return null;
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isSiteLocalAddress()) {
            return "a private address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "an unspecified address";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "a shared (carrier-grade NAT) address";
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return "a reserved address";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "a reserved address";
            }
            if (first >= 240) {
                return "a reserved address";
            }
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "a private (unique local) address";
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "a private (site-local) address";
            }
            if (embeddedIpv4(b) != null) {
                try {
                    InetAddress inner = InetAddress.getByAddress(embeddedIpv4(b));
                    String why = forbidden(inner);
                    return why == null ? null : why + " (inside an IPv6 address)";
                } catch (UnknownHostException e) {
                    return "an unreadable address";
                }
            }
        }
        return null;
    }

    private static boolean isMetadata(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254;
        }
        // fd00:ec2::254, the IPv6 address of the EC2 metadata service
        return address instanceof Inet6Address && (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e
                && (b[3] & 0xff) == 0xc2 && allZero(b, 4, 14) && b[14] == 0x02 && (b[15] & 0xff) == 0x54;
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static byte[] embeddedIpv4(byte[] b) {
        if (allZero(b, 0, 12) && !(b[12] == 0 && b[13] == 0 && b[14] == 0)) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return new byte[] {b[2], b[3], b[4], b[5]};
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
