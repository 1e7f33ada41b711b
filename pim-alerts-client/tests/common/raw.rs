//! A raw loopback HTTP server for faults wiremock cannot produce: a connection reset, a body
//! that stops or never ends, bytes that are not HTTP. It can record the request heads it read.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What a [`raw_server`] does after writing its bytes.
#[derive(Debug, Clone, Copy)]
pub enum Ending {
    /// Closes the connection normally (FIN).
    Close,
    /// Resets the connection (RST, `SO_LINGER` 0).
    Reset,
    /// Keeps the connection open without sending anything more.
    Stall,
}

/// A loopback server that answers every connection with `bytes` (a partial or complete
/// HTTP response) and then ends as `ending` says. Returns its base URL and a connection count.
pub async fn raw_server(bytes: &[u8], ending: Ending) -> (String, Arc<AtomicUsize>) {
    let (base, connections, _) = recording_raw_server(bytes, ending).await;
    (base, connections)
}

/// The request heads a [`recording_raw_server`] received, as lossy UTF-8.
pub type Heads = Arc<Mutex<Vec<String>>>;

/// A [`raw_server`] that also records the head of every request it reads.
pub async fn recording_raw_server(
    bytes: &[u8],
    ending: Ending,
) -> (String, Arc<AtomicUsize>, Heads) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}/beta", listener.local_addr().expect("addr"));
    let connections = Arc::new(AtomicUsize::new(0));
    let heads = Heads::default();
    let (count, recorded) = (connections.clone(), heads.clone());
    let bytes: Arc<[u8]> = Arc::from(bytes);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(answer(socket, bytes.clone(), ending, recorded.clone()));
        }
    });
    (base, connections, heads)
}

/// The value of header `name` (any ASCII case) in the request `head`, if there is one.
pub fn head_header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// Reads a request head from `socket` and records it in `heads`, writes `bytes`, then ends as
/// `ending` says.
async fn answer(mut socket: TcpStream, bytes: Arc<[u8]>, ending: Ending, heads: Heads) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    if let Ok(mut heads) = heads.lock() {
        heads.push(String::from_utf8_lossy(&head).into_owned());
    }
    if socket.write_all(&bytes).await.is_err() {
        return;
    }
    let _ = socket.flush().await;
    match ending {
        Ending::Close => drop(socket),
        Ending::Reset => {
            let _ = socket.set_zero_linger();
            drop(socket);
        }
        Ending::Stall => tokio::time::sleep(Duration::from_secs(60)).await,
    }
}
