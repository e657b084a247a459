//! Which addresses the weekly external link check (`ho21 links --external`) may request: only
//! `http(s)` URLs whose host resolves to public addresses. A link in a pull request to
//! `http://169.254.169.254/` (a cloud metadata service), `http://localhost:8080/` or an address
//! on the runner's private network would otherwise make the runner request it. Hosts are
//! resolved first and every address they resolve to is checked, so a public name that points to
//! a private address is refused too.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, ToSocketAddrs};

use url::{Host, Url};

/// Why `url` may not be requested, or `None` when it may. `resolve` gives the addresses of a
/// host name ([`system_resolver`], in the tests a stand-in).
pub fn refusal_with(
    url: &str,
    resolve: impl Fn(&str, u16) -> std::io::Result<Vec<IpAddr>>,
) -> Option<String> {
    let Ok(parsed) = Url::parse(url) else {
        return Some("ugyldig nettadresse".to_owned());
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Some(format!(
            "bare http- og https-adresser sjekkes, ikke «{}:»",
            parsed.scheme()
        ));
    }
    let port = parsed.port_or_known_default().unwrap_or(80);
    let addresses = match parsed.host() {
        Some(Host::Ipv4(ip)) => vec![IpAddr::V4(ip)],
        Some(Host::Ipv6(ip)) => vec![IpAddr::V6(ip)],
        Some(Host::Domain(name)) => match resolve(name, port) {
            Ok(addresses) => addresses,
            // Unknown names are reported dead by the check itself.
            Err(_) => return None,
        },
        None => return Some("adressen har ingen vert".to_owned()),
    };
    addresses
        .into_iter()
        .find(|ip| !is_public(*ip))
        .map(|ip| format!("ikke sjekket: verten peker på en lokal eller privat adresse ({ip})"))
}

/// The addresses the operating system resolves `host` to.
pub fn system_resolver(host: &str, port: u16) -> std::io::Result<Vec<IpAddr>> {
    Ok((host, port).to_socket_addrs()?.map(|a| a.ip()).collect())
}

/// Whether `ip` is an address on the public internet: not loopback, private, link-local
/// (169.254.0.0/16, where cloud metadata services answer), shared (100.64.0.0/10), unspecified,
/// broadcast, multicast, documentation, benchmarking or reserved; IPv6 likewise, including
/// unique-local (fc00::/7) and IPv4 addresses embedded in IPv6.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let s = ip.segments();
    // NAT64 (64:ff9b::/96) and the deprecated IPv4-compatible form carry an IPv4 address.
    if (s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0]) || s[..6] == [0; 6] {
        let v4 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
        return !ip.is_unspecified() && !ip.is_loopback() && is_public_v4(v4);
    }
    // 6to4 (2002::/16) carries the IPv4 address it tunnels to in the next 32 bits.
    if s[0] == 0x2002 {
        let v4 = Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8);
        return is_public_v4(v4);
    }
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (s[0] == 0x2001 && s[1] == 0x0db8)) // documentation
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A resolver that must not be asked: the tests run without network.
    fn no_dns(host: &str, _: u16) -> std::io::Result<Vec<IpAddr>> {
        panic!("asked to resolve {host}")
    }

    #[test]
    fn private_loopback_link_local_and_metadata_addresses_are_refused() {
        for url in [
            "http://127.0.0.1/",
            "http://127.1.2.3:8080/x",
            "http://10.0.0.1/",
            "http://172.16.5.4/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.100.100.200/",
            "http://0.0.0.0/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:169.254.169.254]/",
            "http://[fd00:ec2::254]/",
            "http://[fe80::1]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://user:pass@127.0.0.1:99/",
            "http://2130706433/",
            "http://0x7f.0.0.1/",
        ] {
            let why = refusal_with(url, no_dns).unwrap_or_else(|| panic!("{url} allowed"));
            assert!(
                why.starts_with("ikke sjekket: verten peker på en lokal eller privat adresse"),
                "{url}: {why}"
            );
        }
    }

    #[test]
    fn the_classifier_knows_every_non_public_range() {
        let table: &[(&str, bool)] = &[
            // Loopback, unspecified, "this network".
            ("127.0.0.1", false),
            ("127.255.255.254", false),
            ("0.0.0.0", false),
            ("0.1.2.3", false),
            ("::1", false),
            ("::", false),
            // RFC 1918 private, with their edges.
            ("10.0.0.1", false),
            ("10.255.255.255", false),
            ("172.16.0.1", false),
            ("172.31.255.255", false),
            ("172.15.255.255", true),
            ("172.32.0.1", true),
            ("192.168.0.1", false),
            ("192.169.0.1", true),
            // Link-local and the cloud metadata services.
            ("169.254.0.1", false),
            ("169.254.169.254", false),
            ("169.253.255.255", true),
            ("fe80::1", false),
            ("febf::1", false),
            ("fd00:ec2::254", false),
            // Unique-local (fc00::/7).
            ("fc00::1", false),
            ("fdff:ffff::1", false),
            // Shared address space / carrier-grade NAT (100.64.0.0/10), with its edges.
            ("100.64.0.1", false),
            ("100.127.255.255", false),
            ("100.63.255.255", true),
            ("100.128.0.1", true),
            // IPv4 inside IPv6: mapped, NAT64, 6to4.
            ("::ffff:127.0.0.1", false),
            ("::ffff:10.0.0.1", false),
            ("::ffff:169.254.169.254", false),
            ("::ffff:100.64.0.1", false),
            ("::ffff:8.8.8.8", true),
            ("64:ff9b::a9fe:a9fe", false),
            ("64:ff9b::808:808", true),
            ("2002:7f00:1::", false),
            ("2002:a9fe:a9fe::1", false),
            ("2002:808:808::1", true),
            // Broadcast, multicast, documentation, reserved.
            ("255.255.255.255", false),
            ("224.0.0.1", false),
            ("240.0.0.1", false),
            ("192.0.2.1", false),
            ("ff02::1", false),
            ("2001:db8::1", false),
            // Public.
            ("1.1.1.1", true),
            ("8.8.8.8", true),
            ("93.184.215.14", true),
            ("2a00:1450:400f:80d::200e", true),
            ("2606:4700:4700::1111", true),
        ];
        for (address, public) in table {
            let ip: IpAddr = address.parse().expect(address);
            assert_eq!(is_public(ip), *public, "{address}");
        }
    }

    #[test]
    fn only_http_and_https() {
        for (url, scheme) in [
            ("ftp://ftp.example.no/x", "ftp"),
            ("file:///etc/passwd", "file"),
            ("gopher://example.no/", "gopher"),
        ] {
            assert_eq!(
                refusal_with(url, no_dns),
                Some(format!(
                    "bare http- og https-adresser sjekkes, ikke «{scheme}:»"
                ))
            );
        }
    }

    #[test]
    fn names_are_judged_by_what_they_resolve_to() {
        let fake = |host: &str, _: u16| -> std::io::Result<Vec<IpAddr>> {
            Ok(match host {
                "intern.example.no" => vec![
                    "93.184.215.14".parse().unwrap(),
                    "10.1.2.3".parse().unwrap(),
                ],
                _ => vec!["93.184.215.14".parse().unwrap()],
            })
        };
        assert!(refusal_with("https://intern.example.no/", fake)
            .is_some_and(|w| w.contains("(10.1.2.3)")));
        assert_eq!(refusal_with("https://www.regjeringen.no/", fake), None);
        assert_eq!(refusal_with("https://93.184.215.14/", no_dns), None);
        assert_eq!(
            refusal_with("https://[2a00:1450:400f:80d::200e]/", no_dns),
            None
        );
    }

    #[test]
    fn localhost_resolves_to_loopback_and_is_refused() {
        // The system resolver answers `localhost` from the hosts file, without network.
        let why = refusal_with("http://localhost:8080/", system_resolver).expect("refused");
        assert!(why.contains("lokal eller privat adresse"), "{why}");
    }
}
