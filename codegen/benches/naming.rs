//! The naming function against `heck`, which it replaced at run time (`heck` stays its test
//! oracle): every distinct `Name` of the vendored Graph beta document (about 8,400) converted to
//! snake case and to upper camel case, once through `codegen::model::naming::cased` and once
//! through `heck` after the same separator rule. Run: `cargo bench -p codegen --bench naming`.

use std::hint::black_box;

use codegen::model::naming::{Case, cased};
use criterion::{Criterion, criterion_group, criterion_main};
use heck::{ToSnakeCase, ToUpperCamelCase};

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../metadata/vendor/beta-USNat.csdl"
);

/// Every distinct `Name="..."` value of the document.
fn names() -> Vec<String> {
    let text = std::fs::read_to_string(PATH).expect("vendored metadata");
    let mut names: Vec<String> = (text.split("Name=\"").skip(1))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// What the naming function did before: separators to spaces, then `heck`.
fn with_heck(name: &str, case: Case) -> String {
    let ascii: String = (name.chars())
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    match case {
        Case::Snake => ascii.to_snake_case(),
        Case::UpperCamel => ascii.to_upper_camel_case(),
    }
}

fn naming(c: &mut Criterion) {
    let names = names();
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
