//! Runtime overhead: `Client::send_json` GET of a small JSON entity versus a raw
//! `reqwest` GET + `serde_json` against the same loopback server, in one run.
//!
//! The server is a minimal keep-alive HTTP/1.1 responder on tokio (not wiremock, whose request
//! matching and recording would dominate the measurement). Run with
//! `cargo bench -p pim-alerts-client --bench overhead`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use pim_alerts_client::runtime::{Client, Method, Request, RetryPolicy};
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const TOKEN: &str = "bench-token";
const BODY: &str = r#"{"@odata.context":"https://graph.microsoft.com/beta/$metadata#identityGovernance/roleManagementAlerts/alerts/$entity","id":"DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_TooManyGlobalAdminsAssignedToTenantAlert","alertDefinitionId":"DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_TooManyGlobalAdminsAssignedToTenantAlert","scopeId":"/","scopeType":"DirectoryRole","incidentCount":7,"isActive":true,"lastModifiedDateTime":"2023-09-20T17:06:01.363Z","lastScannedDateTime":"2023-09-20T17:06:01.363Z"}"#;
const ID: &str =
    "DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_TooManyGlobalAdminsAssignedToTenantAlert";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct Alert {
    id: String,
    alert_definition_id: String,
    scope_id: String,
    scope_type: String,
    incident_count: i64,
    is_active: bool,
    last_modified_date_time: String,
    last_scanned_date_time: String,
}

/// Answers every request on a keep-alive connection with `BODY`.
async fn serve(mut stream: TcpStream) {
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            buf.drain(..end + 4);
            if stream.write_all(response.as_bytes()).await.is_err() {
                return;
            }
        }
    }
}

async fn start_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(serve(stream));
        }
    });
    format!("http://{addr}/beta")
}

fn overhead(c: &mut Criterion) {
    // One thread drives client and server: less scheduling noise on a shared 2-core machine.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let base = rt.block_on(start_server());
    let client = Client::builder()
        .base_url(base.as_str())
        .bearer_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let raw = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("reqwest client");
    let url = format!("{base}/identityGovernance/roleManagementAlerts/alerts/{ID}");

    let mut group = c.benchmark_group("get_small_json");
    group.bench_function("runtime_send_json", |b| {
        b.iter(|| rt.block_on(via_runtime(&client)))
    });
    group.bench_function("raw_reqwest_serde_json", |b| {
        b.iter(|| rt.block_on(via_reqwest(&raw, &url)))
    });
    group.finish();
    interleaved(&rt, &client, &raw, &url);
}

async fn via_runtime(client: &Client) -> Alert {
    let req = Request::from_template(
        Method::GET,
        "/identityGovernance/roleManagementAlerts/alerts/{id}",
        &[("id", ID)],
    );
    black_box(client.send_json(req).await.expect("runtime GET"))
}

async fn via_reqwest(raw: &reqwest::Client, url: &str) -> Alert {
    let resp = raw
        .get(url)
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("accept", "application/json")
        .send()
        .await
        .expect("raw GET");
    let body = resp.bytes().await.expect("raw body");
    black_box(serde_json::from_slice(&body).expect("raw decode"))
}

/// Alternates blocks of both variants so that background load hits both alike, and prints
/// the median wall time and the median on-CPU time (of this thread, which runs both client and
/// server) per request, and the runtime's throughput relative to raw reqwest.
fn interleaved(rt: &tokio::runtime::Runtime, client: &Client, raw: &reqwest::Client, url: &str) {
    const ROUNDS: usize = 31;
    const PER_ROUND: u32 = 300;
    let mut samples = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    for round in 0..ROUNDS {
        // Alternate which variant goes first, so neither always runs on a warmer cache.
        for variant in [round % 2, 1 - round % 2] {
            let (wall, cpu) = if variant == 0 {
                measure(PER_ROUND, || rt.block_on(via_runtime(client)))
            } else {
                measure(PER_ROUND, || rt.block_on(via_reqwest(raw, url)))
            };
            samples[2 * variant].push(wall);
            samples[2 * variant + 1].push(cpu);
        }
    }
    let [ours_wall, ours_cpu, raw_wall, raw_cpu] = samples.map(|mut v| {
        v.sort();
        v[ROUNDS / 2]
    });
    let ratio = |ours: Duration, raw: Duration| raw.as_secs_f64() / ours.as_secs_f64();
    println!(
        "interleaved medians per request: wall runtime {ours_wall:?} vs raw {raw_wall:?} \
         (throughput {:.3}x); cpu runtime {ours_cpu:?} vs raw {raw_cpu:?} (throughput {:.3}x)",
        ratio(ours_wall, raw_wall),
        ratio(ours_cpu, raw_cpu),
    );
}

/// Mean wall time and mean on-CPU time of this thread per call of `f`.
fn measure<T>(n: u32, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let (wall, cpu) = (Instant::now(), thread_cpu());
    for _ in 0..n {
        black_box(f());
    }
    (wall.elapsed() / n, thread_cpu().saturating_sub(cpu) / n)
}

/// Time this thread has spent on a CPU (Linux `schedstat`; zero elsewhere).
fn thread_cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(60);
    targets = overhead
}
criterion_main!(benches);
