//! Hostile but well-formed metadata through the whole pipeline (read, resolve, write models
//! and client): entity expansion bombs, inheritance chains thousands deep, deeply nested
//! collection types, huge names, Rust keywords and names that collide once converted to
//! Rust. Each ends in diagnostics or in generated files that parse as Rust; none panics or
//! overflows the stack.

use codegen::csdl::read_document;
use codegen::model::resolve;
use codegen::rust::{client::write_client, models::write_models};

/// Wraps schema children in a document (namespace `ns`, alias `n`).
fn doc(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\n\
         <Schema Namespace=\"ns\" Alias=\"n\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         {body}\n</Schema></edmx:DataServices></edmx:Edmx>\n"
    )
}

/// What the pipeline made of `xml`: `Ok(files)` (each parsed as Rust) or the diagnostics.
fn pipeline(xml: &str) -> Result<usize, String> {
    let syntax = read_document("hostile.csdl", xml.as_bytes()).map_err(|d| d.to_string())?;
    let model = resolve(&[syntax]).map_err(|d| d.to_string())?;
    let mut files = write_models(&model, "hostile.csdl").map_err(|e| e.to_string())?;
    files.extend(write_client(&model, "hostile.csdl").map_err(|e| e.to_string())?);
    for file in &files {
        match syn::parse_file(&file.contents) {
            Ok(ast) => assert_unique_names(&file.path, &ast.items),
            Err(e) => panic!("{} is not valid Rust: {e}\n{}", file.path, file.contents),
        }
    }
    Ok(files.len())
}

/// What `syn` accepts but `rustc` does not: two fields, variants, methods or items of one
/// scope with the same name.
fn assert_unique_names(path: &str, items: &[syn::Item]) {
    let unique = |what: &str, names: Vec<String>| {
        let mut sorted = names.clone();
        sorted.sort();
        let dup = sorted.windows(2).find(|w| w[0] == w[1]);
        assert!(
            dup.is_none(),
            "{path}: duplicate {what} `{}`",
            dup.map(|w| w[0].as_str()).unwrap_or("")
        );
    };
    let mut item_names = Vec::new();
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                item_names.push(s.ident.to_string());
                let fields = s
                    .fields
                    .iter()
                    .filter_map(|f| f.ident.as_ref())
                    .map(|i| i.to_string());
                unique("field", fields.collect());
            }
            syn::Item::Enum(e) => {
                item_names.push(e.ident.to_string());
                unique(
                    "variant",
                    e.variants.iter().map(|v| v.ident.to_string()).collect(),
                );
            }
            syn::Item::Impl(i) if i.trait_.is_none() => {
                let methods = i.items.iter().filter_map(|m| match m {
                    syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                    _ => None,
                });
                unique("method", methods.collect());
            }
            syn::Item::Mod(m) => {
                item_names.push(m.ident.to_string());
                if let Some((_, inner)) = &m.content {
                    assert_unique_names(path, inner);
                }
            }
            _ => {}
        }
    }
    unique("item", item_names);
}

#[test]
fn entity_expansion_bomb_is_not_expanded() {
    let mut dtd = String::from("<!DOCTYPE edmx:Edmx [\n<!ENTITY a0 \"lol\">\n");
    for i in 1..10 {
        let prev = format!("&a{};", i - 1);
        dtd.push_str(&format!("<!ENTITY a{i} \"{}\">\n", prev.repeat(10)));
    }
    dtd.push_str("]>\n");
    let xml = doc("<EntityType Name=\"t\"><Property Name=\"p\" Type=\"Edm.String\" DefaultValue=\"&a9;\" /></EntityType>")
        .replacen("\n", &format!("\n{dtd}"), 1);
    let err = pipeline(&xml).expect_err("custom entities are not expanded");
    assert!(err.contains("hostile.csdl:"), "{err}");
    assert!(err.len() < 10_000, "the error does not carry an expansion");
}

/// Flattening copies every inherited property into each derived type, so the model grows with
/// the square of the depth (5,000 levels: about 12.5 million properties, minutes in a debug
/// build): 500 levels show there is no recursion limit or stack overflow.
#[test]
fn inheritance_chain_hundreds_deep_resolves() {
    let mut body = String::from(
        "<EntityType Name=\"t0\"><Key><PropertyRef Name=\"id\" /></Key><Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\" /></EntityType>\n",
    );
    for i in 1..500 {
        body.push_str(&format!(
            "<EntityType Name=\"t{i}\" BaseType=\"n.t{}\"><Property Name=\"p{i}\" Type=\"Edm.Int32\" /></EntityType>\n",
            i - 1
        ));
    }
    let syntax = read_document("deep.csdl", doc(&body).as_bytes()).expect("reads");
    let model = resolve(&[syntax]).expect("a long chain is valid");
    assert_eq!(model.types.len(), 500);
}

#[test]
fn inheritance_cycle_thousands_long_is_reported() {
    let mut body = String::new();
    for i in 0..5000 {
        body.push_str(&format!(
            "<EntityType Name=\"t{i}\" BaseType=\"n.t{}\" />\n",
            (i + 1) % 5000
        ));
    }
    let err = pipeline(&doc(&body)).expect_err("a cycle");
    assert!(
        err.contains("cyclic inheritance"),
        "{}",
        &err[..err.len().min(300)]
    );
}

#[test]
fn deeply_nested_collection_types_are_diagnosed() {
    let depth = 10_000;
    let ty = format!(
        "{}Edm.String{}",
        "Collection(".repeat(depth),
        ")".repeat(depth)
    );
    let body =
        format!("<ComplexType Name=\"c\"><Property Name=\"p\" Type=\"{ty}\" /></ComplexType>");
    let err = pipeline(&doc(&body)).expect_err("collections of collections are not CSDL");
    assert!(
        err.contains("hostile.csdl:"),
        "{}",
        &err[..err.len().min(300)]
    );
}

#[test]
fn huge_names_end_in_errors_or_valid_rust() {
    let name = "a".repeat(100_000);
    let body = format!(
        "<ComplexType Name=\"{name}\"><Property Name=\"{name}\" Type=\"Edm.String\" /></ComplexType>\n\
         <EntityType Name=\"e\"><Key><PropertyRef Name=\"id\" /></Key>\
         <Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\" />\
         <Property Name=\"c\" Type=\"n.{name}\" /></EntityType>\n\
         <EntityContainer Name=\"C\"><EntitySet Name=\"es\" EntityType=\"n.e\" /></EntityContainer>"
    );
    match pipeline(&doc(&body)) {
        Ok(files) => assert!(files > 0),
        Err(err) => assert!(
            err.contains("hostile.csdl:"),
            "{}",
            &err[..err.len().min(300)]
        ),
    }
}

/// Types named like the std types generated code uses are refused by name.
#[test]
fn types_named_like_std_types_are_refused_by_name() {
    for ty in ["Option", "String", "Vec", "Box", "Result"] {
        let body = format!(
            "<ComplexType Name=\"{ty}\"><Property Name=\"p\" Type=\"Edm.String\" /></ComplexType>"
        );
        let err = pipeline(&doc(&body)).expect_err(ty);
        assert!(err.contains(&format!("ns.{ty}")), "{ty}: {err}");
    }
}

/// Names Rust reserves, names that are not identifiers, and names that become the same Rust
/// name: either every output parses as Rust or the problem is diagnosed with its position.
#[test]
fn keywords_odd_names_and_collisions_end_in_errors_or_valid_rust() {
    let keywords = [
        "type", "self", "Self", "crate", "super", "async", "match", "fn", "r#x", "_",
    ];
    let mut props = String::new();
    for k in keywords {
        props.push_str(&format!("<Property Name=\"{k}\" Type=\"Edm.Int32\" />"));
    }
    for odd in [
        "fooBar", "foo_bar", "FooBar", "123abc", "é", "日本", "a-b", "@odata",
    ] {
        props.push_str(&format!("<Property Name=\"{odd}\" Type=\"Edm.String\" />"));
    }
    let mut body = String::new();
    for ty in ["type", "Self", "self", "e"] {
        body.push_str(&format!(
            "<EntityType Name=\"{ty}\"><Key><PropertyRef Name=\"id\" /></Key>\
             <Property Name=\"id\" Type=\"Edm.String\" Nullable=\"false\" />{props}</EntityType>\n"
        ));
    }
    body.push_str("<EnumType Name=\"k\"><Member Name=\"type\" Value=\"0\" /><Member Name=\"Type\" Value=\"1\" /><Member Name=\"Other\" Value=\"2\" /></EnumType>\n");
    body.push_str("<EntityContainer Name=\"C\"><EntitySet Name=\"type\" EntityType=\"n.type\" /><EntitySet Name=\"Self\" EntityType=\"n.Self\" /></EntityContainer>");
    match pipeline(&doc(&body)) {
        Ok(files) => assert!(files > 0),
        Err(err) => assert!(err.contains("hostile.csdl:"), "{err}"),
    }
}
