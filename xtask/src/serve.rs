//! A small static file server for `www/`, bound to 127.0.0.1, with correct MIME types and no caching.
//!
//! By default it sends every file as it is on disk (`cargo xtask serve`). With [`Options::gzip`] it answers
//! the way a static host does: text and wasm go out gzip-compressed (`Content-Encoding: gzip`, gzip's default
//! level 6) to a request that accepts it, each file compressed once and kept until it changes on disk.
//! `cargo xtask bench --browser` serves the production folder that way.

use crate::{setup, web};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::SystemTime;

/// How the server answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Compress text and wasm with gzip for a request whose `Accept-Encoding` allows it.
    pub gzip: bool,
}

/// A file compressed once: its modification time and raw length when it was, and the gzip bytes.
type Compressed = (SystemTime, u64, Arc<Vec<u8>>);

/// What the connections of one server share: the folder, the options, and the files compressed so far.
struct Site {
    dir: PathBuf,
    options: Options,
    compressed: Mutex<HashMap<PathBuf, Compressed>>,
}

/// `cargo xtask serve`: build the page, then serve it until interrupted.
pub fn run(port: u16) -> Result<(), String> {
    let root = crate::root();
    let listener = bind(port)?;
    let tools = setup::web_tools(&root)?;
    web::build(&root, &tools)?;
    println!(
        "\nServing {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        root.join("www").display()
    );
    serve(listener, root.join("www"));
    Ok(())
}

/// Binds 127.0.0.1:`port` (0 picks a free port), with a clear message when the port is taken.
pub fn bind(port: u16) -> Result<TcpListener, String> {
    TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!(
                "port {port} on 127.0.0.1 is already in use (another server?): stop it, or choose another with \
                 `cargo xtask serve --port {}`",
                port.wrapping_add(1).max(1024)
            )
        } else {
            format!("cannot listen on 127.0.0.1:{port}: {e}")
        }
    })
}

/// Serves `dir` as it is on disk, on `listener` in a background thread; returns the port and the thread.
pub fn spawn(listener: TcpListener, dir: PathBuf) -> Result<(u16, JoinHandle<()>), String> {
    spawn_with(listener, dir, Options::default())
}

/// Serves `dir` on `listener` as `options` say, in a background thread; returns the port and the thread.
pub fn spawn_with(
    listener: TcpListener,
    dir: PathBuf,
    options: Options,
) -> Result<(u16, JoinHandle<()>), String> {
    let port = listener
        .local_addr()
        .map_err(|e| format!("reading the server's address: {e}"))?
        .port();
    Ok((
        port,
        std::thread::spawn(move || serve_with(listener, dir, options)),
    ))
}

/// Serves `dir` as it is on disk, for ever.
fn serve(listener: TcpListener, dir: PathBuf) {
    serve_with(listener, dir, Options::default());
}

/// Accepts connections for ever, one thread each (a page load opens a handful).
fn serve_with(listener: TcpListener, dir: PathBuf, options: Options) {
    let site = Arc::new(Site {
        dir,
        options,
        compressed: Mutex::new(HashMap::new()),
    });
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let site = site.clone();
        std::thread::spawn(move || {
            // A client that hung up or sent garbage is not our problem: the connection just ends.
            let _ = connection(stream, &site);
        });
    }
}

/// The longest request head we read; a browser's GET is well under this.
const MAX_HEAD: usize = 16 * 1024;

/// Answers the GET / HEAD requests of one keep-alive connection.
///
/// Each response goes out in one write with Nagle's algorithm off: written as two segments (head, then
/// body), every request after the first on a connection waited ~40 ms for a delayed ACK, which made
/// loading the page's two dozen modules take a third of a second.
fn connection(mut stream: TcpStream, site: &Site) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let head_end = loop {
            if let Some(i) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            if pending.len() > MAX_HEAD {
                return Ok(());
            }
            let n = stream.read(&mut buf)?;
            if n == 0 {
                return Ok(());
            }
            pending.extend_from_slice(&buf[..n]);
        };
        let head = String::from_utf8_lossy(&pending[..head_end]).into_owned();
        pending.drain(..head_end);
        let mut words = head.split_whitespace();
        let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let close = head
            .lines()
            .any(|l| l.to_ascii_lowercase().replace(' ', "") == "connection:close");
        let (status, content_type, mut body) = match method {
            "GET" | "HEAD" => respond(&site.dir, target),
            _ => (
                405,
                "text/plain; charset=utf-8",
                b"only GET and HEAD".to_vec(),
            ),
        };
        let compressible = site.options.gzip && status == 200 && compressible(content_type);
        let mut encoding = "";
        if compressible && accepts_gzip(&head) {
            if let Some(gz) = site.gzipped(target) {
                body = gz.to_vec();
                encoding = "Content-Encoding: gzip\r\n";
            }
        }
        let vary = if compressible {
            "Vary: Accept-Encoding\r\n"
        } else {
            ""
        };
        let reason = match status {
            200 => "OK",
            404 => "Not Found",
            _ => "Method Not Allowed",
        };
        let mut response = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
             Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n{encoding}{vary}{}{}\r\n",
            body.len(),
            framing(content_type, target),
            if close { "Connection: close\r\n" } else { "" }
        )
        .into_bytes();
        if method != "HEAD" {
            response.extend_from_slice(&body);
        }
        stream.write_all(&response)?;
        if close {
            return Ok(());
        }
    }
}

impl Site {
    /// The gzip bytes of the file `target` names (compressed on first use, again when it changed on disk),
    /// or `None` when it cannot be read or compressed (the caller then sends it as it is).
    fn gzipped(&self, target: &str) -> Option<Arc<Vec<u8>>> {
        let mut path = self.dir.join(safe_path(target)?);
        if path.is_dir() {
            path = path.join("index.html");
        }
        let meta = std::fs::metadata(&path).ok()?;
        let stamp = (meta.modified().ok()?, meta.len());
        if let Some((modified, len, gz)) = self.compressed.lock().ok()?.get(&path) {
            if (*modified, *len) == stamp {
                return Some(gz.clone());
            }
        }
        let gz = Arc::new(gzip(&path)?);
        self.compressed
            .lock()
            .ok()?
            .insert(path, (stamp.0, stamp.1, gz.clone()));
        Some(gz)
    }
}

/// `gzip -6 -n` of the file at `path` (the system's gzip, as `cargo xtask dist` uses).
fn gzip(path: &Path) -> Option<Vec<u8>> {
    let out = Command::new("gzip")
        .args(["-6", "-n", "-c"])
        .arg(path)
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

/// Whether a static host would compress a response of this type: text, JSON, SVG and wasm (not images
/// that are compressed already, nor unknown bytes).
fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || ["application/wasm", "application/json", "image/svg+xml"]
            .iter()
            .any(|t| content_type.starts_with(t))
}

/// Whether the request head's `Accept-Encoding` allows gzip: `gzip` or `*` listed without `q=0`.
fn accepts_gzip(head: &str) -> bool {
    head.lines()
        .filter_map(|line| line.split_once(':'))
        .filter(|(name, _)| name.trim().eq_ignore_ascii_case("accept-encoding"))
        .flat_map(|(_, value)| value.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                let p = p.replace(' ', "").to_ascii_lowercase();
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

/// Who may frame a page: anyone for the embeddable widget (`embed.html`), only the site itself for the
/// other pages. (A `<meta>` CSP cannot say this; only a header can.)
fn framing(content_type: &str, target: &str) -> &'static str {
    if !content_type.starts_with("text/html") {
        return "";
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    if path.ends_with("/embed.html") {
        "Content-Security-Policy: frame-ancestors *\r\n"
    } else {
        "Content-Security-Policy: frame-ancestors 'self'\r\n"
    }
}

/// Status, content type and body for a GET of `target` below `dir`.
fn respond(dir: &Path, target: &str) -> (u16, &'static str, Vec<u8>) {
    let not_found = || (404, "text/plain; charset=utf-8", b"not found".to_vec());
    let Some(relative) = safe_path(target) else {
        return not_found();
    };
    let mut path = dir.join(relative);
    if path.is_dir() {
        path = path.join("index.html");
    }
    match std::fs::read(&path) {
        Ok(bytes) => (200, mime(&path), bytes),
        Err(_) => not_found(),
    }
}

/// The path below the served folder that `url` names, or `None` for anything that climbs out of it.
fn safe_path(url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut out = PathBuf::new();
    for part in Path::new(path.trim_start_matches('/')).components() {
        match part {
            Component::Normal(name) => out.push(name),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_climb_out() {
        assert_eq!(safe_path("/index.html"), Some(PathBuf::from("index.html")));
        assert_eq!(
            safe_path("/pkg/a.wasm?v=1"),
            Some(PathBuf::from("pkg/a.wasm"))
        );
        assert_eq!(safe_path("/"), Some(PathBuf::new()));
        assert_eq!(safe_path("/../Cargo.toml"), None);
        assert_eq!(safe_path("/pkg/../../etc/passwd"), None);
    }

    #[test]
    fn only_the_widget_may_be_framed_by_other_sites() {
        let html = "text/html; charset=utf-8";
        assert!(framing(html, "/embed.html#view=curve").contains("frame-ancestors *"));
        assert!(framing(html, "/index.html").contains("frame-ancestors 'self'"));
        assert!(framing(html, "/").contains("frame-ancestors 'self'"));
        assert_eq!(framing("application/wasm", "/pkg/a.wasm"), "");
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(mime(Path::new("x_bg.wasm")), "application/wasm");
        assert_eq!(mime(Path::new("main.js")), "text/javascript; charset=utf-8");
    }

    #[test]
    fn answers_several_requests_on_one_connection_quickly() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hi</p>").unwrap();
        std::fs::write(dir.join("pkg").join("m.wasm"), [0u8, 97, 115, 109]).unwrap();
        let (port, _server) = spawn(bind(0).unwrap(), dir.clone()).unwrap();
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let started = std::time::Instant::now();
        let requests = "GET / HTTP/1.1\r\nHost: x\r\n\r\n\
                        GET /pkg/m.wasm HTTP/1.1\r\nHost: x\r\n\r\n\
                        GET /../secret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        stream.write_all(requests.as_bytes()).unwrap();
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply).unwrap();
        let reply = String::from_utf8_lossy(&reply);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        let statuses: Vec<&str> = reply.matches("HTTP/1.1 ").map(|_| "").collect();
        assert_eq!(statuses.len(), 3, "{reply}");
        assert!(reply.contains("Content-Type: text/html; charset=utf-8\r\nContent-Length: 9\r\n"));
        assert!(reply.contains("<p>hi</p>"));
        assert!(reply.contains("Content-Type: application/wasm\r\nContent-Length: 4\r\n"));
        assert!(reply.contains("HTTP/1.1 404 Not Found"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn reads_whether_a_request_accepts_gzip() {
        let head =
            |value: &str| format!("GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {value}\r\n\r\n");
        assert!(accepts_gzip(&head("gzip, deflate, br, zstd")));
        assert!(accepts_gzip(&head("br;q=1.0, GZIP;q=0.5")));
        assert!(accepts_gzip(&head("*")));
        assert!(accepts_gzip(
            "GET / HTTP/1.1\r\naccept-encoding:gzip\r\n\r\n"
        ));
        assert!(!accepts_gzip(&head("br, deflate")));
        assert!(!accepts_gzip(&head("gzip;q=0, br")));
        assert!(!accepts_gzip(&head("gzip; q=0.000")));
        assert!(!accepts_gzip(&head("identity")));
        assert!(!accepts_gzip(&head("x-gzip2")));
        assert!(!accepts_gzip("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    #[test]
    fn text_and_wasm_are_compressible_images_are_not() {
        for t in [
            "text/html; charset=utf-8",
            "text/javascript; charset=utf-8",
            "text/css; charset=utf-8",
            "application/wasm",
            "application/json",
            "image/svg+xml",
        ] {
            assert!(compressible(t), "{t}");
        }
        for t in ["image/png", "image/x-icon", "application/octet-stream"] {
            assert!(!compressible(t), "{t}");
        }
    }

    /// Sends `request` (which must end the connection) to the server on `port`; returns the raw reply.
    fn exchange(port: u16, request: &str) -> Vec<u8> {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply).unwrap();
        reply
    }

    /// The head (as text) and the body of the first response in `reply`.
    fn split_reply(reply: &[u8]) -> (String, Vec<u8>) {
        let end = reply.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        let head = String::from_utf8_lossy(&reply[..end]).into_owned();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .unwrap()
            .parse()
            .unwrap();
        (head, reply[end..end + length].to_vec())
    }

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut child = Command::new("gzip")
            .args(["-d", "-c"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let input = bytes.to_vec();
        let writer = std::thread::spawn(move || stdin.write_all(&input));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(out.status.success());
        out.stdout
    }

    #[test]
    fn the_gzip_option_compresses_text_and_wasm_for_a_request_that_accepts_it() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-gzip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let js = "export const answer = 42;\n".repeat(200);
        let wasm: Vec<u8> = [0u8, 97, 115, 109, 1, 0, 0, 0]
            .iter()
            .copied()
            .cycle()
            .take(4000)
            .collect();
        let png: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
        std::fs::write(dir.join("main.js"), &js).unwrap();
        std::fs::write(dir.join("m.wasm"), &wasm).unwrap();
        std::fs::write(dir.join("i.png"), &png).unwrap();
        let (gzip, _a) = spawn_with(bind(0).unwrap(), dir.clone(), Options { gzip: true }).unwrap();
        let (plain, _b) = spawn(bind(0).unwrap(), dir.clone()).unwrap();
        let get = |path: &str, accept: &str, port: u16| {
            let request =
                format!("GET {path} HTTP/1.1\r\nHost: x\r\n{accept}Connection: close\r\n\r\n");
            split_reply(&exchange(port, &request))
        };
        let accepts = "Accept-Encoding: gzip, deflate, br\r\n";

        for (path, raw, kind) in [
            ("/main.js", js.as_bytes(), "text/javascript"),
            ("/m.wasm", &wasm[..], "application/wasm"),
        ] {
            // Asked twice: the second answer comes from the kept copy and must be the same.
            for _ in 0..2 {
                let (head, body) = get(path, accepts, gzip);
                assert!(head.contains("Content-Encoding: gzip\r\n"), "{head}");
                assert!(head.contains("Vary: Accept-Encoding\r\n"), "{head}");
                assert!(head.contains(&format!("Content-Type: {kind}")), "{head}");
                assert!(body.len() < raw.len() / 4, "{path}: {} bytes", body.len());
                assert_eq!(gunzip(&body), raw, "{path}");
            }
            // A request that does not accept gzip gets the file as it is.
            let (head, body) = get(path, "Accept-Encoding: br;q=1, gzip;q=0\r\n", gzip);
            assert!(!head.contains("Content-Encoding"), "{head}");
            assert_eq!(body, raw);
            // Without the option (`cargo xtask serve`), nothing is compressed.
            let (head, body) = get(path, accepts, plain);
            assert!(!head.contains("Content-Encoding"), "{head}");
            assert!(!head.contains("Vary"), "{head}");
            assert_eq!(body, raw);
        }
        // An image is sent as it is; a missing file is a plain 404.
        let (head, body) = get("/i.png", accepts, gzip);
        assert!(!head.contains("Content-Encoding"), "{head}");
        assert_eq!(body, png);
        let (head, _) = get("/nope.js", accepts, gzip);
        assert!(head.starts_with("HTTP/1.1 404"), "{head}");
        assert!(!head.contains("Content-Encoding"), "{head}");

        // A file that changed on disk is compressed again.
        std::fs::write(dir.join("main.js"), "export const changed = 1;\n").unwrap();
        let (head, body) = get("/main.js", accepts, gzip);
        assert!(head.contains("Content-Encoding: gzip\r\n"), "{head}");
        assert_eq!(gunzip(&body), b"export const changed = 1;\n");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_taken_port_is_explained() {
        let first = bind(0).unwrap();
        let port = first.local_addr().unwrap().port();
        let message = bind(port).unwrap_err();
        assert!(message.contains("already in use"), "{message}");
        assert!(message.contains("--port"), "{message}");
    }
}
