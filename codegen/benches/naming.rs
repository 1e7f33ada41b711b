//! The naming function against `heck`, which it replaced at run time (`heck` stays its test
//! oracle): every distinct `Name` of the vendored Graph beta document (about 8,400) converted to
//! snake case and to upper camel case, once through `codegen::model::naming::cased` and once
//! through `heck` as the test oracle calls it (`tests/heck_oracle`).
//! Run: `cargo bench -p codegen --bench naming`.

use std::hint::black_box;

#[path = "../tests/heck_oracle/mod.rs"]
mod heck_oracle;

use codegen::model::naming::{Case, cased};
use criterion::{Criterion, criterion_group, criterion_main};
use heck_oracle::{names_in, with_heck};

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../metadata/vendor/beta-USNat.csdl"
);

fn naming(c: &mut Criterion) {
    let names = names_in(PATH);
    let mut group = c.benchmark_group("naming");
    group.bench_function("cased_all_names_both_cases", |b| {
        b.iter(|| {
            for name in &names {
                black_box(cased(black_box(name), Case::Snake));
                black_box(cased(black_box(name), Case::UpperCamel));
            }
        })
    });
    group.bench_function("heck_all_names_both_cases", |b| {
        b.iter(|| {
            for name in &names {
                black_box(with_heck(black_box(name), Case::Snake));
                black_box(with_heck(black_box(name), Case::UpperCamel));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, naming);
criterion_main!(benches);
