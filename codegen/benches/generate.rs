//! Generation time for the whole vendored Graph beta model (issue 5, target <= 3 s): read the
//! 1.4 MB `$metadata`, resolve it, plan and print every model file (all 6 namespaces, every
//! type), as `cargo xtask codegen --include / --all-types --models-only` does before writing;
//! then the same with the client of the whole container too (`--include / --all-types`; the
//! two writers run on two threads, as in `cargo xtask codegen --out`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../metadata/vendor/beta-USNat.csdl"
);

fn generate(c: &mut Criterion) {
    let xml = std::fs::read(PATH).expect("vendored metadata");
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("read_resolve_write_models_whole_model", |b| {
        b.iter_with_large_drop(|| {
            let doc = codegen::csdl::read_document("beta", black_box(&xml)).expect("reads");
            let model = codegen::model::resolve(std::slice::from_ref(&doc)).expect("resolves");
            codegen::rust::models::write_models(&model, "beta").expect("writes")
        })
    });
    group.bench_function("read_resolve_write_models_and_client_whole_model", |b| {
        b.iter_with_large_drop(|| {
            let doc = codegen::csdl::read_document("beta", black_box(&xml)).expect("reads");
            let model = codegen::model::resolve(std::slice::from_ref(&doc)).expect("resolves");
            codegen::rust::write_crates(&model, "beta", true).expect("writes")
        })
    });
    group.finish();
}

criterion_group!(benches, generate);
criterion_main!(benches);
