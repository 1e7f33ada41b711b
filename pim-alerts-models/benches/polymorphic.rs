//! Decoding and encoding a 20,000-item page of mixed alert incidents three ways:
//! (a) the generated polymorphic enum, (b) one monomorphic `#[derive]` struct holding the
//! union of the fields (the floor), (c) a plain `#[serde(tag = "@odata.type")]` enum.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group};
use pim_alerts_models::Page;
use pim_alerts_models::support::edm::DateTimeOffset;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// (b): every field of every incident type in one struct.
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct MonoIncident {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    odata_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee_display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee_user_principal_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignment_created_date_time: Option<DateTimeOffset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_sign_in_date_time: Option<DateTimeOffset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_activation_date_time: Option<DateTimeOffset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_definition_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_template_id: Option<String>,
}

/// Fields of the "too many global admins" incident, for (c).
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct PlainTooMany {
    id: Option<String>,
    assignee_display_name: Option<String>,
    assignee_id: Option<String>,
    assignee_user_principal_name: Option<String>,
}

/// Fields of the "stale sign-in" incident, for (c).
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct PlainStale {
    id: Option<String>,
    assignee_display_name: Option<String>,
    assignee_id: Option<String>,
    assignee_user_principal_name: Option<String>,
    assignment_created_date_time: Option<DateTimeOffset>,
    last_sign_in_date_time: Option<DateTimeOffset>,
    role_definition_id: Option<String>,
    role_display_name: Option<String>,
    role_template_id: Option<String>,
}

/// Fields of the "redundant assignment" incident, for (c).
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct PlainRedundant {
    id: Option<String>,
    assignee_display_name: Option<String>,
    assignee_id: Option<String>,
    assignee_user_principal_name: Option<String>,
    last_activation_date_time: Option<DateTimeOffset>,
    role_definition_id: Option<String>,
    role_display_name: Option<String>,
    role_template_id: Option<String>,
}

/// (c): what a user would write by hand.
#[derive(Deserialize, Serialize)]
#[serde(tag = "@odata.type")]
enum TaggedIncident {
    #[serde(rename = "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertIncident")]
    TooMany(PlainTooMany),
    #[serde(rename = "#microsoft.graph.staleSignInAlertIncident")]
    Stale(PlainStale),
    #[serde(rename = "#microsoft.graph.redundantAssignmentAlertIncident")]
    Redundant(PlainRedundant),
}

/// A 20,000-item page cycling through the three incident types, `@odata.type` first.
fn input() -> Vec<u8> {
    let items: Vec<Value> = (0..20_000)
        .map(|i| {
            let id = format!("{i:08x}-7863-4f48-bf97-2a8fb990b681");
            let mut item = json!({
                "@odata.type": "",
                "id": id,
                "assigneeId": id,
                "assigneeDisplayName": format!("User {i}"),
                "assigneeUserPrincipalName": format!("user{i}@contoso.onmicrosoft.com"),
            });
            let role = json!({
                "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
                "roleDisplayName": "Global Administrator",
                "roleTemplateId": "62e90394-69f5-4237-9190-012177145e10",
            });
            let (tag, extra) = match i % 3 {
                0 => (
                    "tooManyGlobalAdminsAssignedToTenantAlertIncident",
                    json!({}),
                ),
                1 => (
                    "staleSignInAlertIncident",
                    json!({
                        "assignmentCreatedDateTime": "2023-01-05T10:11:12.1234567Z",
                        "lastSignInDateTime": "2023-06-01T08:00:00Z",
                    }),
                ),
                _ => (
                    "redundantAssignmentAlertIncident",
                    json!({
                        "lastActivationDateTime": "2023-03-04T05:06:07.89+01:00",
                    }),
                ),
            };
            item["@odata.type"] = json!(format!("#microsoft.graph.{tag}"));
            let obj = item.as_object_mut().expect("object");
            if i % 3 != 0 {
                obj.extend(role.as_object().expect("object").clone());
            }
            obj.extend(extra.as_object().expect("object").clone());
            item
        })
        .collect();
    serde_json::to_vec(&json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#alertIncidents",
        "value": items,
        "@odata.nextLink": "https://graph.microsoft.com/beta/next",
    }))
    .expect("encode input")
}

/// Runs the three `runs` interleaved (a, b, c, a, b, c, ...) and returns the best time of
/// each in ms: robust against load from other processes, which skews criterion's sequential
/// groups on a shared machine.
fn best_of(runs: [&dyn Fn(); 3]) -> [f64; 3] {
    let mut best = [std::time::Duration::MAX; 3];
    for _ in 0..40 {
        for (slot, run) in best.iter_mut().zip(runs) {
            let start = std::time::Instant::now();
            run();
            *slot = (*slot).min(start.elapsed());
        }
    }
    best.map(|d| d.as_secs_f64() * 1e3)
}

/// Prints interleaved best-of-40 timings and throughput ratios for decode and encode.
fn interleaved(bytes: &[u8]) {
    type A = Page<pim_alerts_models::UnifiedRoleManagementAlertIncident>;
    let decode = best_of([
        &|| drop(black_box(serde_json::from_slice::<A>(bytes))),
        &|| {
            drop(black_box(serde_json::from_slice::<Page<MonoIncident>>(
                bytes,
            )))
        },
        &|| {
            drop(black_box(serde_json::from_slice::<Page<TaggedIncident>>(
                bytes,
            )))
        },
    ]);
    let (a, b, c) = (
        serde_json::from_slice::<A>(bytes).expect("a"),
        serde_json::from_slice::<Page<MonoIncident>>(bytes).expect("b"),
        serde_json::from_slice::<Page<TaggedIncident>>(bytes).expect("c"),
    );
    let encode = best_of([
        &|| drop(black_box(serde_json::to_vec(&a))),
        &|| drop(black_box(serde_json::to_vec(&b))),
        &|| drop(black_box(serde_json::to_vec(&c))),
    ]);
    for (name, [a, b, c]) in [("decode", decode), ("encode", encode)] {
        println!(
            "interleaved best-of-40 {name}: a {a:.2} ms, b {b:.2} ms, c {c:.2} ms; \
             throughput a/b {:.2}, a/c {:.2}",
            b / a,
            c / a
        );
    }
}

fn bench(c: &mut Criterion) {
    let bytes = input();
    if !std::env::args().any(|arg| arg == "--profile-time") {
        interleaved(&bytes);
    }
    let mut decode = c.benchmark_group("decode");
    decode.throughput(Throughput::Bytes(bytes.len() as u64));
    decode.bench_function("a_generated_enum", |b| {
        b.iter(|| {
            serde_json::from_slice::<Page<pim_alerts_models::UnifiedRoleManagementAlertIncident>>(
                black_box(&bytes),
            )
        })
    });
    decode.bench_function("b_monomorphic_floor", |b| {
        b.iter(|| serde_json::from_slice::<Page<MonoIncident>>(black_box(&bytes)))
    });
    decode.bench_function("c_serde_tagged_enum", |b| {
        b.iter(|| serde_json::from_slice::<Page<TaggedIncident>>(black_box(&bytes)))
    });
    // `from_slice` = plain decode, plus a serde_path_to_error re-run only on failure.
    decode.bench_function("a_generated_enum_with_path", |b| {
        b.iter(|| {
            pim_alerts_models::from_slice::<
                Page<pim_alerts_models::UnifiedRoleManagementAlertIncident>,
            >(black_box(&bytes))
        })
    });
    decode.finish();

    let a: Page<pim_alerts_models::UnifiedRoleManagementAlertIncident> =
        serde_json::from_slice(&bytes).expect("a");
    let b: Page<MonoIncident> = serde_json::from_slice(&bytes).expect("b");
    let c2: Page<TaggedIncident> = serde_json::from_slice(&bytes).expect("c");
    let mut encode = c.benchmark_group("encode");
    encode.throughput(Throughput::Bytes(bytes.len() as u64));
    encode.bench_function("a_generated_enum", |bench| {
        bench.iter(|| serde_json::to_vec(black_box(&a)))
    });
    encode.bench_function("b_monomorphic_floor", |bench| {
        bench.iter(|| serde_json::to_vec(black_box(&b)))
    });
    encode.bench_function("c_serde_tagged_enum", |bench| {
        bench.iter(|| serde_json::to_vec(black_box(&c2)))
    });
    encode.finish();
}

/// `POLYMORPHIC_ONCE=a|b|c|sizes|none`: decode once (or print element sizes) and exit (for instruction counting under
/// `valgrind --tool=callgrind`, which is immune to load from other processes).
fn once(variant: &str) {
    let bytes = input();
    let ok =
        match variant {
            "a" => serde_json::from_slice::<
                Page<pim_alerts_models::UnifiedRoleManagementAlertIncident>,
            >(&bytes)
            .is_ok(),
            "b" => serde_json::from_slice::<Page<MonoIncident>>(&bytes).is_ok(),
            "c" => serde_json::from_slice::<Page<TaggedIncident>>(&bytes).is_ok(),
            "sizes" => {
                println!(
                    "element sizes: a {} b {} c {}",
                    size_of::<pim_alerts_models::UnifiedRoleManagementAlertIncident>(),
                    size_of::<MonoIncident>(),
                    size_of::<TaggedIncident>()
                );
                true
            }
            _ => true,
        };
    assert!(ok, "decode failed");
}

criterion_group!(benches, bench);

fn main() {
    if let Ok(variant) = std::env::var("POLYMORPHIC_ONCE") {
        once(&variant);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
