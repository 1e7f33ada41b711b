//! Compares reading the vendored Graph beta `$metadata` (1.4 MB) with `read_document` against a
//! bare quick-xml event scan of the same bytes, which is the floor any quick-xml reader can reach,
//! and reading plus resolving it into the model. A second floor, the same scan visiting every
//! attribute (as any CSDL reader must, since CSDL is almost all attributes), shows how much of
//! the budget quick-xml's attribute parsing takes before anything is built.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use quick_xml::Reader;
use quick_xml::events::Event;

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../metadata/vendor/beta-USNat.csdl"
);

/// Counts start and empty tags without allocating: the cost of tokenizing alone.
fn bare_scan(xml: &[u8]) -> usize {
    let mut reader = Reader::from_reader(xml);
    let mut starts = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_) | Event::Empty(_)) => starts += 1,
            Ok(Event::Eof) | Err(_) => return starts,
            Ok(_) => {}
        }
    }
}

/// Visits every attribute of every start and empty tag, without allocating or unescaping.
fn attribute_scan(xml: &[u8]) -> usize {
    let mut reader = Reader::from_reader(xml);
    let mut bytes = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag) | Event::Empty(tag)) => {
                for attribute in tag.attributes().with_checks(false).flatten() {
                    bytes += attribute.key.as_ref().len() + attribute.value.len();
                }
            }
            Ok(Event::Eof) | Err(_) => return bytes,
            Ok(_) => {}
        }
    }
}

fn read(c: &mut Criterion) {
    let xml = std::fs::read(PATH).expect("vendored metadata");
    // Both steps must succeed, or the timed closures would measure an early error.
    let doc = codegen::csdl::read_document("beta", &xml).expect("the vendored document reads");
    assert!(codegen::model::resolve(std::slice::from_ref(&doc)).is_ok());
    let mut group = c.benchmark_group("read");
    group.bench_function("bare_quick_xml_scan", |b| {
        b.iter(|| bare_scan(black_box(&xml)))
    });
    group.bench_function("attribute_scan", |b| {
        b.iter(|| attribute_scan(black_box(&xml)))
    });
    // The document is dropped outside the timed part: freeing it is not reading.
    group.bench_function("read_document", |b| {
        b.iter_with_large_drop(|| codegen::csdl::read_document("beta", black_box(&xml)))
    });
    // What `cargo xtask metadata` does before slicing: read, then resolve every reference. Both
    // the document and the model are returned, so both are dropped outside the timed part, as in
    // `read_document`.
    group.bench_function("read_and_resolve", |b| {
        b.iter_with_large_drop(|| {
            let doc = codegen::csdl::read_document("beta", black_box(&xml)).ok();
            let model = doc
                .as_ref()
                .map(|doc| codegen::model::resolve(std::slice::from_ref(doc)));
            (doc, model)
        })
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
