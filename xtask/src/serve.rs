//! A small static file server for `www/`, bound to 127.0.0.1, with correct MIME types and no caching.

use crate::{setup, web};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread::JoinHandle;

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

/// Serves `dir` on `listener` in a background thread; returns the port and the thread.
pub fn spawn(listener: TcpListener, dir: PathBuf) -> Result<(u16, JoinHandle<()>), String> {
    let port = listener
        .local_addr()
        .map_err(|e| format!("reading the server's address: {e}"))?
        .port();
    Ok((port, std::thread::spawn(move || serve(listener, dir))))
}

/// Accepts connections for ever, one thread each (a page load opens a handful).
fn serve(listener: TcpListener, dir: PathBuf) {
    let dir = std::sync::Arc::new(dir);
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let dir = dir.clone();
        std::thread::spawn(move || {
            // A client that hung up or sent garbage is not our problem: the connection just ends.
            let _ = connection(stream, &dir);
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
fn connection(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
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
        let (status, content_type, body) = match method {
            "GET" | "HEAD" => respond(dir, target),
            _ => (
                405,
                "text/plain; charset=utf-8",
                b"only GET and HEAD".to_vec(),
            ),
        };
        let reason = match status {
            200 => "OK",
            404 => "Not Found",
            _ => "Method Not Allowed",
        };
        let mut response = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
             Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n{}{}\r\n",
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
    fn a_taken_port_is_explained() {
        let first = bind(0).unwrap();
        let port = first.local_addr().unwrap().port();
        let message = bind(port).unwrap_err();
        assert!(message.contains("already in use"), "{message}");
        assert!(message.contains("--port"), "{message}");
    }
}
