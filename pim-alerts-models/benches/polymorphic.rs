//! Decoding and encoding a 20,000-item page mixing all 7 alert incident types three ways:
//! (a) the generated polymorphic enum, (b) one monomorphic `#[derive]` struct holding the
//! union of the fields (the floor), (c) a plain `#[serde(tag = "@odata.type")]` enum.

use std::collections::BTreeSet;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group};
use pim_alerts_models::support::edm::DateTimeOffset;
use pim_alerts_models::{Page, UnifiedRoleManagementAlertIncident};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// (b): every field of every incident type in one struct.
#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct MonoIncident {
    #[serde(rename = "@odata.type", skip_serializing_if = "Option::is_none")]
    odata_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    activation_count: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee_display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee_user_principal_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignment_created_date_time: Option<DateTimeOffset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_activation_date_time: Option<DateTimeOffset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_sign_in_date_time: Option<DateTimeOffset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_definition_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_template_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sequence_end_date_time: Option<DateTimeOffset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sequence_start_date_time: Option<DateTimeOffset>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_license_status: Option<String>,
}

/// Declares a plain derive struct per incident type for (c), one `Option` per property.
macro_rules! plain {
    ($($(#[$doc:meta])* $name:ident { $($field:ident: $ty:ty),* $(,)? })*) => {$(
        $(#[$doc])*
        #[derive(Deserialize, Serialize)]
        #[serde(rename_all = "camelCase")]
        struct $name { $($field: Option<$ty>),* }
    )*};
}

plain! {
    /// `invalidLicenseAlertIncident`, for (c).
    PlainInvalidLicense { id: String, tenant_license_status: String }
    /// `noMfaOnRoleActivationAlertIncident`, for (c).
    PlainNoMfa { id: String, role_display_name: String, role_template_id: String }
    /// `redundantAssignmentAlertIncident`, for (c).
    PlainRedundant {
        id: String, assignee_display_name: String, assignee_id: String,
        assignee_user_principal_name: String, last_activation_date_time: DateTimeOffset,
        role_definition_id: String, role_display_name: String, role_template_id: String,
    }
    /// `rolesAssignedOutsidePrivilegedIdentityManagementAlertIncident`, for (c).
    PlainOutsidePim {
        id: String, assignee_display_name: String, assignee_id: String,
        assignee_user_principal_name: String, assignment_created_date_time: DateTimeOffset,
        role_definition_id: String, role_display_name: String, role_template_id: String,
    }
    /// `sequentialActivationRenewalsAlertIncident`, for (c).
    PlainSequential {
        id: String, activation_count: i32, assignee_display_name: String, assignee_id: String,
        assignee_user_principal_name: String, role_definition_id: String,
        role_display_name: String, role_template_id: String,
        sequence_end_date_time: DateTimeOffset, sequence_start_date_time: DateTimeOffset,
    }
    /// `staleSignInAlertIncident`, for (c).
    PlainStale {
        id: String, assignee_display_name: String, assignee_id: String,
        assignee_user_principal_name: String, assignment_created_date_time: DateTimeOffset,
        last_sign_in_date_time: DateTimeOffset, role_definition_id: String,
        role_display_name: String, role_template_id: String,
    }
    /// `tooManyGlobalAdminsAssignedToTenantAlertIncident`, for (c).
    PlainTooMany {
        id: String, assignee_display_name: String, assignee_id: String,
        assignee_user_principal_name: String,
    }
}

/// (c): what a user would write by hand.
#[derive(Deserialize, Serialize)]
#[serde(tag = "@odata.type")]
enum TaggedIncident {
    #[serde(rename = "#microsoft.graph.invalidLicenseAlertIncident")]
    InvalidLicense(PlainInvalidLicense),
    #[serde(rename = "#microsoft.graph.noMfaOnRoleActivationAlertIncident")]
    NoMfa(PlainNoMfa),
    #[serde(rename = "#microsoft.graph.redundantAssignmentAlertIncident")]
    Redundant(PlainRedundant),
    #[serde(
        rename = "#microsoft.graph.rolesAssignedOutsidePrivilegedIdentityManagementAlertIncident"
    )]
    OutsidePim(PlainOutsidePim),
    #[serde(rename = "#microsoft.graph.sequentialActivationRenewalsAlertIncident")]
    Sequential(PlainSequential),
    #[serde(rename = "#microsoft.graph.staleSignInAlertIncident")]
    Stale(PlainStale),
    #[serde(rename = "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertIncident")]
    TooMany(PlainTooMany),
}

/// One incident type of [`input`]: its name, whether it gets the three assignee fields and the
/// three role fields, and its other properties beyond `id` (name, JSON literal).
type Incident = (
    &'static str,
    bool,
    bool,
    &'static [(&'static str, &'static str)],
);

/// The 7 incident types.
const INCIDENTS: [Incident; 7] = [
    (
        "invalidLicenseAlertIncident",
        false,
        false,
        &[("tenantLicenseStatus", "\"Free\"")],
    ),
    (
        "noMfaOnRoleActivationAlertIncident",
        false,
        false,
        &[
            ("roleDisplayName", "\"Global Administrator\""),
            ("roleTemplateId", "\"62e90394-69f5-4237-9190-012177145e10\""),
        ],
    ),
    (
        "redundantAssignmentAlertIncident",
        true,
        true,
        &[("lastActivationDateTime", "\"2023-03-04T05:06:07.89+01:00\"")],
    ),
    (
        "rolesAssignedOutsidePrivilegedIdentityManagementAlertIncident",
        true,
        true,
        &[("assignmentCreatedDateTime", "\"2023-02-03T04:05:06Z\"")],
    ),
    (
        "sequentialActivationRenewalsAlertIncident",
        true,
        true,
        &[
            ("activationCount", "12"),
            ("sequenceStartDateTime", "\"2023-04-05T06:07:08.123Z\""),
            ("sequenceEndDateTime", "\"2023-04-05T09:07:08.123Z\""),
        ],
    ),
    (
        "staleSignInAlertIncident",
        true,
        true,
        &[
            (
                "assignmentCreatedDateTime",
                "\"2023-01-05T10:11:12.1234567Z\"",
            ),
            ("lastSignInDateTime", "\"2023-06-01T08:00:00Z\""),
        ],
    ),
    (
        "tooManyGlobalAdminsAssignedToTenantAlertIncident",
        true,
        false,
        &[],
    ),
];

/// A 20,000-item page cycling through the 7 incident types, `@odata.type` first.
fn input() -> Vec<u8> {
    let items: Vec<Value> = (0..20_000)
        .map(|i| {
            let (tag, assignee, role, extra) = INCIDENTS[i % INCIDENTS.len()];
            let id = format!("{i:08x}-7863-4f48-bf97-2a8fb990b681");
            let mut item = Map::new();
            item.insert(
                "@odata.type".into(),
                json!(format!("#microsoft.graph.{tag}")),
            );
            item.insert("id".into(), json!(id));
            if assignee {
                item.insert("assigneeId".into(), json!(id));
                item.insert("assigneeDisplayName".into(), json!(format!("User {i}")));
                let upn = format!("user{i}@contoso.onmicrosoft.com");
                item.insert("assigneeUserPrincipalName".into(), json!(upn));
            }
            if role {
                let template = "62e90394-69f5-4237-9190-012177145e10";
                item.insert("roleDefinitionId".into(), json!(template));
                item.insert("roleDisplayName".into(), json!("Global Administrator"));
                item.insert("roleTemplateId".into(), json!(template));
            }
            for (key, value) in extra {
                let value = serde_json::from_str(value).expect("literal");
                item.insert((*key).into(), value);
            }
            Value::Object(item)
        })
        .collect();
    serde_json::to_vec(&json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#alertIncidents",
        "value": items,
        "@odata.nextLink": "https://graph.microsoft.com/beta/next",
    }))
    .expect("encode input")
}

/// Decodes (a) and checks that every item is a known variant (all 7 types are in play).
fn decode_all_known(bytes: &[u8]) -> Page<UnifiedRoleManagementAlertIncident> {
    let page: Page<UnifiedRoleManagementAlertIncident> = serde_json::from_slice(bytes).expect("a");
    let types: BTreeSet<&str> = page.value.iter().map(|i| i.odata_type()).collect();
    assert_eq!(types.len(), INCIDENTS.len(), "decoded types: {types:?}");
    let other = |i: &UnifiedRoleManagementAlertIncident| {
        matches!(i, UnifiedRoleManagementAlertIncident::Other(_))
    };
    assert!(!page.value.iter().any(other), "an item decoded as `Other`");
    page
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
    type A = Page<UnifiedRoleManagementAlertIncident>;
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
        decode_all_known(bytes),
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
            serde_json::from_slice::<Page<UnifiedRoleManagementAlertIncident>>(black_box(&bytes))
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
            pim_alerts_models::from_slice::<Page<UnifiedRoleManagementAlertIncident>>(black_box(
                &bytes,
            ))
        })
    });
    decode.finish();

    let a = decode_all_known(&bytes);
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

/// `POLYMORPHIC_ONCE=a|b|c|sizes|none`: decode (and drop) `POLYMORPHIC_REPEAT` times (default
/// 1), or print element sizes, and exit: for instruction counting under
/// `valgrind --tool=callgrind`, which is immune to load from other processes. The difference
/// between two repeat counts is the steady state of criterion's loop (the allocator then
/// starts from the previous decode's frees, not from the input's).
fn once(variant: &str) {
    let bytes = input();
    let repeat: usize =
        std::env::var("POLYMORPHIC_REPEAT").map_or(1, |n| n.parse().expect("count"));
    let decode = |variant: &str| match variant {
        "a" => serde_json::from_slice::<Page<UnifiedRoleManagementAlertIncident>>(&bytes).is_ok(),
        "b" => serde_json::from_slice::<Page<MonoIncident>>(&bytes).is_ok(),
        "c" => serde_json::from_slice::<Page<TaggedIncident>>(&bytes).is_ok(),
        _ => true,
    };
    let ok = match variant {
        "a" | "b" | "c" => (0..repeat).all(|_| decode(variant)),
        "sizes" => {
            println!(
                "element sizes: a {} b {} c {}",
                size_of::<UnifiedRoleManagementAlertIncident>(),
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
