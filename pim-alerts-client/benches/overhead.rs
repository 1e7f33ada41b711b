//! Request overhead of the client versus raw `reqwest` against the same loopback server, in
//! one run, as two like-for-like pairs (each pair decodes the same type from the same bytes):
//!
//! * `runtime_send_json` vs `raw_reqwest_serde_json`: `Client::send_json` of a hand-built
//!   `Request` against `reqwest` + `serde_json`, both into a plain `#[derive(Deserialize)]` struct;
//! * `generated_get_send` vs `raw_reqwest_models`: the generated builder path
//!   (`client.identity_governance()...alerts().by_id(id).get().send()`) against `reqwest` +
//!   `serde_json`, both into `pim_alerts_models::UnifiedRoleManagementAlert`.
//!
//! The client runs with its default settings (retries on, default timeout), as users get it.
//! The server is a minimal keep-alive HTTP/1.1 responder on tokio (not wiremock, whose request
//! matching and recording would dominate the measurement). Run with
//! `cargo bench -p pim-alerts-client --bench overhead`; after criterion's groups, an interleaved
//! A/B run prints medians per request (with their spread) and the throughput ratios. For load-independent
//! instruction counts per call, see [`only_variant`].

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use pim_alerts_client::runtime::{Client, Method, Request};
use pim_alerts_models::UnifiedRoleManagementAlert;
use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const TOKEN: &str = "bench-token";
const BODY: &str = r#"{"@odata.context":"https://graph.microsoft.com/beta/$metadata#identityGovernance/roleManagementAlerts/alerts/$entity","id":"DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_TooManyGlobalAdminsAssignedToTenantAlert","alertDefinitionId":"DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_TooManyGlobalAdminsAssignedToTenantAlert","scopeId":"/","scopeType":"DirectoryRole","incidentCount":7,"isActive":true,"lastModifiedDateTime":"2023-09-20T17:06:01.363Z","lastScannedDateTime":"2023-09-20T17:06:01.363Z"}"#;
const ID: &str =
    "DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_TooManyGlobalAdminsAssignedToTenantAlert";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code, reason = "fields are decoded for the cost, never read")]
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

/// Everything one measured call needs.
struct Setup {
    rt: tokio::runtime::Runtime,
    client: Client,
    raw: reqwest::Client,
    url: String,
}

impl Setup {
    fn new() -> Setup {
        // One thread drives client and server: less scheduling noise on a shared machine.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let base = rt.block_on(start_server());
        let client = Client::builder()
            .base_url(base.as_str())
            .bearer_token(TOKEN)
            .build()
            .expect("client");
        let raw = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("reqwest client");
        let url = format!("{base}/identityGovernance/roleManagementAlerts/alerts/{ID}");
        Setup {
            rt,
            client,
            raw,
            url,
        }
    }

    /// Runs variant `v` of [`VARIANTS`] once.
    fn run(&self, v: usize) {
        let rt = &self.rt;
        match v {
            0 => drop(black_box(rt.block_on(via_runtime(&self.client)))),
            1 => drop(black_box(
                rt.block_on(via_reqwest::<Alert>(&self.raw, &self.url)),
            )),
            2 => drop(black_box(rt.block_on(via_generated(&self.client)))),
            _ => drop(black_box(rt.block_on(via_reqwest::<
                UnifiedRoleManagementAlert,
            >(&self.raw, &self.url)))),
        }
    }
}

/// The measured variants, as (ours, raw) pairs: 0 vs 1 and 2 vs 3.
const VARIANTS: [&str; 4] = [
    "runtime_send_json",
    "raw_reqwest_serde_json",
    "generated_get_send",
    "raw_reqwest_models",
];

fn overhead(c: &mut Criterion) {
    let setup = Setup::new();
    if let Some((variant, calls)) = only_variant() {
        (0..calls).for_each(|_| setup.run(variant));
        return;
    }
    let mut group = c.benchmark_group("get_small_json");
    for (v, name) in VARIANTS.iter().enumerate() {
        group.bench_function(*name, |b| b.iter(|| setup.run(v)));
    }
    group.finish();
    interleaved(&setup);
    print_future_sizes(&setup);
}

/// The size of the future each variant's call returns: what `block_on`, `spawn` or the
/// caller's own future holds (and moves) while the request runs.
fn print_future_sizes(setup: &Setup) {
    let (client, raw, url) = (&setup.client, &setup.raw, setup.url.as_str());
    let sizes = [
        std::mem::size_of_val(&via_runtime(client)),
        std::mem::size_of_val(&via_reqwest::<Alert>(raw, url)),
        std::mem::size_of_val(&via_generated(client)),
        std::mem::size_of_val(&via_reqwest::<UnifiedRoleManagementAlert>(raw, url)),
    ];
    for (name, size) in VARIANTS.iter().zip(sizes) {
        println!("future size per call: {name:<24} {size} bytes");
    }
}

async fn via_runtime(client: &Client) -> Alert {
    let req = Request::from_template(
        Method::GET,
        "/identityGovernance/roleManagementAlerts/alerts/{id}",
        &[("id", ID)],
    );
    client.send_json(req).await.expect("runtime GET")
}

async fn via_generated(client: &Client) -> UnifiedRoleManagementAlert {
    (client.identity_governance().role_management_alerts())
        .alerts()
        .by_id(ID)
        .get()
        .send()
        .await
        .expect("generated GET")
}

async fn via_reqwest<T: serde::de::DeserializeOwned>(raw: &reqwest::Client, url: &str) -> T {
    let resp = raw
        .get(url)
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("accept", "application/json")
        .send()
        .await
        .expect("raw GET");
    let body = resp.bytes().await.expect("raw body");
    serde_json::from_slice(&body).expect("raw decode")
}

/// `OVERHEAD_ONLY=<variant>:<calls>`: run just that many calls of one variant (index into
/// [`VARIANTS`]) and no measurement, for counting instructions under
/// `valgrind --tool=callgrind`, which the load of a shared machine does not disturb.
///
/// Instructions per request are the difference of two counts over the difference of calls,
/// which cancels the setup (client, TLS roots, server):
///
/// ```text
/// bench=$(cargo bench -p pim-alerts-client --bench overhead --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\))/\1/p')
/// OVERHEAD_ONLY=0:100  valgrind --tool=callgrind $bench --bench   # "Collected : A"
/// OVERHEAD_ONLY=0:1100 valgrind --tool=callgrind $bench --bench   # "Collected : B"
/// # (B - A) / 1000 per request; take the larger count where valgrind reports two processes
/// ```
fn only_variant() -> Option<(usize, u32)> {
    let spec = std::env::var("OVERHEAD_ONLY").ok()?;
    let (variant, calls) = spec.split_once(':')?;
    Some((variant.parse().ok()?, calls.parse().ok()?))
}

/// Alternates blocks of all variants (rotating which goes first) so that background load hits
/// them alike, and prints per variant the median wall time per request with the quartiles of
/// the blocks (the spread the machine's load causes), and each pair's throughput ratio of the
/// medians.
///
/// (Thread CPU time is not shown: `/proc/thread-self/schedstat` only advances at scheduler
/// ticks, which made every variant read 40 µs per request.)
fn interleaved(setup: &Setup) {
    const ROUNDS: usize = 31;
    const PER_ROUND: u32 = 300;
    let n = VARIANTS.len();
    let mut wall = vec![Vec::new(); n];
    for round in 0..ROUNDS {
        for k in 0..n {
            let v = (round + k) % n;
            wall[v].push(mean_wall(PER_ROUND, || setup.run(v)));
        }
    }
    let quartiles: Vec<[Duration; 3]> = wall
        .into_iter()
        .map(|mut blocks| {
            blocks.sort();
            let at = |q: usize| blocks[(blocks.len() - 1) * q / 4];
            [at(1), at(2), at(3)]
        })
        .collect();
    for (v, name) in VARIANTS.iter().enumerate() {
        let [q1, median, q3] = quartiles[v];
        println!(
            "interleaved median per request: {name:<24} wall {median:?} (quartiles {q1:?} .. {q3:?})"
        );
    }
    for (ours, raw) in [(0, 1), (2, 3)] {
        let ratio = quartiles[raw][1].as_secs_f64() / quartiles[ours][1].as_secs_f64();
        println!(
            "throughput {} / {}: wall {ratio:.3}x",
            VARIANTS[ours], VARIANTS[raw],
        );
    }
}

/// Mean wall time per call of `f`.
fn mean_wall<T>(n: u32, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        black_box(f());
    }
    start.elapsed() / n
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
