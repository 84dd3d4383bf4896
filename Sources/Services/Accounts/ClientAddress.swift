import Foundation
import NIOCore

/// Whom failed sign-ins are counted against: the connection's peer as the socket reports it. Headers such as
/// `X-Forwarded-For` or `Forwarded` are never read here: a client writes whatever it likes into them, and a
/// guesser would simply send a new one with every attempt.
///
/// An IPv6 peer counts by its /64 (the block one subscriber or host is given), so stepping through the
/// addresses of one network does not start the count again; an IPv4-mapped IPv6 peer counts as its IPv4
/// address. A peer the socket did not report (a Unix socket, an in-process test) counts as one shared address.
public struct ClientAddress: Hashable, Sendable, CustomStringConvertible {
    public let description: String

    public init(peer: SocketAddress?) {
        guard let peer, let ip = peer.ipAddress else {
            description = "unknown"
            return
        }
        if case .v6 = peer { description = Self.ipv6Key(ip) } else { description = ip }
    }

    /// An address given as text (an IPv4 dotted quad or an IPv6 address), keyed as a peer of that address is.
    public init(text: String) {
        description = text.contains(":") ? Self.ipv6Key(text) : text
    }

    /// The first 64 bits of an IPv6 address as "2001:db8:0:1::/64", or the IPv4 address of a mapped one.
    /// Text that is not an IPv6 address is kept as it is.
    static func ipv6Key(_ text: String) -> String {
        let address = text.split(separator: "%", maxSplits: 1).first.map(String.init)?.lowercased() ?? ""
        if address.hasPrefix("::ffff:"), address.contains(".") { return String(address.dropFirst("::ffff:".count)) }
        let halves = address.components(separatedBy: "::")
        guard halves.count <= 2 else { return text }
        func groups(_ part: String) -> [Substring] { part.isEmpty ? [] : part.split(separator: ":", omittingEmptySubsequences: false) }
        let head = groups(halves[0])
        let tail = halves.count == 2 ? groups(halves[1]) : []
        let missing = 8 - head.count - tail.count
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return text }
        let all = head + Array(repeating: "0", count: halves.count == 2 ? missing : 0) + tail
        var prefix: [String] = []
        for group in all.prefix(4) {
            guard group.count <= 4, let value = UInt16(group, radix: 16) else { return text }
            prefix.append(String(value, radix: 16))
        }
        return prefix.joined(separator: ":") + "::/64"
    }
}
