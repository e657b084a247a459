//! The external link check against a local web server (no internet needed): dead links are
//! reported per page, good ones are cached, excluded ones are skipped.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::Command;

fn serve_forever() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("/");
            let status = if path == "/ok" {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                &stream,
                "HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            );
        }
    });
    port
}

#[test]
fn dead_links_are_reported_per_page_and_good_ones_cached() {
    let port = serve_forever();
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("config.toml"),
        "base_url = \"https://www.helseomsorg21.no\"\n",
    )
    .expect("config");
    std::fs::write(
        dir.path().join("links-exclude.txt"),
        "# test\n/skipped$ # never checked\n",
    )
    .expect("excludes");
    let public = dir.path().join("public");
    std::fs::create_dir_all(public.join("sak")).expect("dir");
    std::fs::write(
        public.join("index.html"),
        format!("<!doctype html><html lang=nb><body><a href=\"http://127.0.0.1:{port}/ok\">ok</a> <a href=\"http://127.0.0.1:{port}/missing\">dead</a> <a href=\"http://127.0.0.1:{port}/skipped\">x</a> <a href=\"https://www.helseomsorg21.no/saker/\">own</a></body></html>"),
    )
    .expect("page");
    std::fs::write(
        public.join("sak/index.html"),
        format!("<a href=\"http://127.0.0.1:{port}/missing\">dead</a>"),
    )
    .expect("page");

    let run = || {
        Command::new(env!("CARGO_BIN_EXE_ho21"))
            .args(["links", "--external", "--root"])
            .arg(dir.path())
            // The server is on 127.0.0.1, which the check otherwise refuses (tested below).
            .env("HO21_TEST_ALLOW_LOOPBACK", "1")
            .output()
            .expect("run")
    };
    let out = run();
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        report.contains("index.html\n") && report.contains("sak/index.html\n"),
        "{report}"
    );
    assert!(report.contains("/missing"), "{report}");
    assert!(
        !report.contains(&format!("127.0.0.1:{port}/ok\n")),
        "{report}"
    );
    assert!(
        report.contains(
            "2 døde eksterne lenker på 2 sider (2 sjekket, 0 fra hurtigbufferen, 1 unntatt)"
        ),
        "{report}"
    );

    let again = String::from_utf8_lossy(&run().stdout).into_owned();
    assert!(
        again.contains("(1 sjekket, 1 fra hurtigbufferen, 1 unntatt)"),
        "{again}"
    );
}

#[test]
fn local_and_private_addresses_are_never_requested() {
    // A server on loopback that would see any request the check made.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("addr").port();
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("config.toml"),
        "base_url = \"https://www.helseomsorg21.no\"\n",
    )
    .expect("config");
    let public = dir.path().join("public");
    std::fs::create_dir_all(&public).expect("dir");
    let links = [
        format!("http://127.0.0.1:{port}/x"),
        format!("http://localhost:{port}/"),
        format!("http://[::ffff:127.0.0.1]:{port}/"),
        "http://10.0.0.1/".to_owned(),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
        "http://[::1]:9/".to_owned(),
    ];
    let body: String = links
        .iter()
        .map(|l| format!("<a href=\"{l}\">x</a>"))
        .collect();
    std::fs::write(public.join("index.html"), body).expect("page");
    let out = Command::new(env!("CARGO_BIN_EXE_ho21"))
        .args(["links", "--external", "--root"])
        .arg(dir.path())
        .env_remove("HO21_TEST_ALLOW_LOOPBACK")
        .output()
        .expect("run");
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert_eq!(
        report
            .matches("ikke sjekket: verten peker på en lokal eller privat adresse")
            .count(),
        links.len(),
        "{report}"
    );
    assert!(
        report.contains(
            "6 døde eksterne lenker på 1 sider (0 sjekket, 0 fra hurtigbufferen, 0 unntatt)"
        ),
        "{report}"
    );
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("the check connected to the loopback server: {other:?}"),
    }
}
