//! Annotation targets as the resolver and the pruner read them, with one parser: each target
//! shape of CSDL 4.01 section 14.2.1 that one of them used to misread (a parameter of an
//! overload, all overloads, `()`, a deeper member path, the container itself, an import).

use codegen::csdl::read_document;
use codegen::csdl::syntax::Document;
use codegen::model::{IncludePath, Model, resolve, slice};

/// Wraps schema children in a document; the first child is on line 4.
fn document(body: &str) -> Document {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\n\
         <Schema Namespace=\"ns\" Alias=\"n\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n\
         {body}\n</Schema></edmx:DataServices></edmx:Edmx>\n"
    );
    read_document("targets.csdl", xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

const TYPES: &str = r#"<EntityType Name="leaf"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
<EntityType Name="root"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" />
  <NavigationProperty Name="kept" Type="Collection(n.leaf)" ContainsTarget="true" />
  <NavigationProperty Name="other" Type="Collection(n.leaf)" ContainsTarget="true" />
</EntityType>
<Action Name="act" IsBound="true"><Parameter Name="bp" Type="n.root" /><Parameter Name="note" Type="Edm.String" /></Action>
<Function Name="find"><Parameter Name="text" Type="Edm.String" /><ReturnType Type="n.leaf" /></Function>
<EntityContainer Name="C"><Singleton Name="r" Type="n.root" /><FunctionImport Name="findIt" Function="n.find" /></EntityContainer>"#;

/// One block per target shape, each with a description naming its target.
const TARGETS: &[&str] = &[
    "n.C",
    "n.C/findIt",
    "n.act",
    "n.act(n.root)/note",
    "n.act/bp",
    "n.find(Edm.String)",
    "n.find/text",
    "n.find(Edm.String)/$ReturnType",
    "n.root/kept/id",
    "n.root/other/id",
];

fn annotated() -> Document {
    let blocks: Vec<String> = (TARGETS.iter())
        .map(|t| {
            format!(
                "<Annotations Target=\"{t}\"><Annotation Term=\"Org.OData.Core.V1.Description\" String=\"on {t}\" /></Annotations>"
            )
        })
        .collect();
    document(&format!("{TYPES}\n{}", blocks.join("\n")))
}

fn resolved(doc: &Document) -> Model {
    resolve(std::slice::from_ref(doc)).unwrap_or_else(|e| panic!("resolves:\n{e}"))
}

/// The description of parameter `param` of the operation `qualified`.
fn parameter_doc<'m>(model: &'m Model, qualified: &str, param: &str) -> Option<&'m str> {
    let op = model
        .operations
        .iter()
        .find(|o| o.qualified_name == qualified)?;
    let p = op.parameters.iter().find(|p| p.name.csdl == param)?;
    p.docs.description.as_deref()
}

fn kept_targets(doc: &Document, model: &Model, include: &str) -> Vec<String> {
    let sliced = slice(doc, model, &[IncludePath::on_command_line(include)]).expect("slices");
    resolve(std::slice::from_ref(&sliced)).unwrap_or_else(|e| panic!("slice resolves:\n{e}"));
    let blocks = sliced.schemas.iter().flat_map(|s| &s.annotation_blocks);
    blocks.map(|b| b.target.clone()).collect()
}

#[test]
fn parameter_targets_resolve_and_document_the_parameter() {
    // Before: `n.act(n.root)/note` was read as the signature `(n.root)/note` and rejected,
    // and `n.find/text` resolved without reaching the parameter.
    let model = resolved(&annotated());
    assert_eq!(
        parameter_doc(&model, "ns.act", "note"),
        Some("on n.act(n.root)/note")
    );
    assert_eq!(
        parameter_doc(&model, "ns.find", "text"),
        Some("on n.find/text")
    );
}

#[test]
fn a_slice_keeps_every_target_whose_element_it_keeps() {
    // Before: only `n.root/...` with one segment and container members survived, so all of
    // these but `n.root/kept/id` were dropped although the slice keeps what they annotate.
    let (doc, model) = (annotated(), resolved(&annotated()));
    let path_only = ["n.C", "n.root/kept/id"];
    assert_eq!(kept_targets(&doc, &model, "/r/kept"), path_only);
    assert_eq!(
        kept_targets(&doc, &model, "/r"),
        [
            "n.C",
            "n.act",
            "n.act(n.root)/note",
            "n.act/bp",
            "n.root/kept/id",
            "n.root/other/id"
        ]
    );
    assert_eq!(kept_targets(&doc, &model, "/"), TARGETS);
}

#[test]
fn parameters_and_overloads_that_do_not_exist_are_reported() {
    let body = format!(
        "{TYPES}\n\
<Annotations Target=\"n.act()\"><Annotation Term=\"Org.OData.Core.V1.Description\" String=\"x\" /></Annotations>
<Annotations Target=\"n.act(n.root)/nope\"><Annotation Term=\"Org.OData.Core.V1.Description\" String=\"x\" /></Annotations>
<Annotations Target=\"n.find/nope\"><Annotation Term=\"Org.OData.Core.V1.Description\" String=\"x\" /></Annotations>
<Annotations Target=\"n.root//id\"><Annotation Term=\"Org.OData.Core.V1.Description\" String=\"x\" /></Annotations>"
    );
    let err = resolve(&[document(&body)]).expect_err("the targets do not resolve");
    let found: Vec<String> = err.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            // `()` is the unbound overload; before, it named every overload.
            "targets.csdl:12:1: annotation target `n.act()`: no overload of `ns.act` takes ()",
            "targets.csdl:13:1: annotation target `n.act(n.root)/nope`: no overload of `ns.act` \
             has a parameter `nope`",
            "targets.csdl:14:1: annotation target `n.find/nope`: no overload of `ns.find` has a \
             parameter `nope`",
            "targets.csdl:15:1: annotation target `n.root//id`: expected a path segment at \
             character 8",
        ]
    );
}

#[test]
fn an_include_path_with_an_empty_segment_is_malformed() {
    let doc = annotated();
    let model = resolved(&doc);
    let paths = [IncludePath::on_command_line("/r//kept")];
    let err = slice(&doc, &model, &paths).expect_err("the path is malformed");
    let found: Vec<String> = err.iter().map(ToString::to_string).collect();
    // Before: "no navigation property `` on `ns.root`".
    assert_eq!(
        found,
        [
            "command line (--include): include path `/r//kept`: expected a path segment at character 4"
        ]
    );
}

#[test]
fn a_block_on_a_term_survives_with_the_term() {
    // Before: the resolver accepted a block on a term, the pruner always dropped it.
    let term = r#"<Term Name="level" Type="Edm.String" />
<Annotations Target="n.level"><Annotation Term="Org.OData.Core.V1.Description" String="on the term" /></Annotations>"#;
    let used =
        r#"<Annotations Target="n.root"><Annotation Term="n.level" String="high" /></Annotations>"#;
    let with_use = document(&format!("{TYPES}\n{term}\n{used}"));
    let model = resolved(&with_use);
    assert_eq!(
        kept_targets(&with_use, &model, "/r/kept"),
        ["n.level", "n.root"]
    );
    let unused = document(&format!("{TYPES}\n{term}"));
    let model = resolved(&unused);
    assert!(kept_targets(&unused, &model, "/r/kept").is_empty());
    assert_eq!(kept_targets(&unused, &model, "/"), ["n.level"]);
}

#[test]
fn a_block_on_a_term_kept_through_another_terms_block_survives() {
    // `n.scale` is used only in the block on `n.level`, which a kept type uses. Before: the
    // blocks were filtered before the terms of the kept blocks were added, so `n.scale` was
    // kept but its own block was dropped.
    let terms = r#"<Term Name="level" Type="Edm.String" />
<Term Name="scale" Type="Edm.String" />
<Annotations Target="n.scale"><Annotation Term="Org.OData.Core.V1.Description" String="on scale" /></Annotations>
<Annotations Target="n.level"><Annotation Term="n.scale" String="coarse" /></Annotations>
<Annotations Target="n.root"><Annotation Term="n.level" String="high" /></Annotations>"#;
    let doc = document(&format!("{TYPES}\n{terms}"));
    let model = resolved(&doc);
    assert_eq!(
        kept_targets(&doc, &model, "/r/kept"),
        ["n.scale", "n.level", "n.root"]
    );
}

/// An action bound to `n.root` whose parameter `p` has a complex type with a member `x`.
const PARAMETER_OF_COMPLEX_TYPE: &str = r#"<ComplexType Name="opts"><Property Name="x" Type="Edm.String" /></ComplexType>
<EntityType Name="root"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
<Action Name="act" IsBound="true"><Parameter Name="bp" Type="n.root" /><Parameter Name="p" Type="n.opts" /><Parameter Name="s" Type="Edm.String" /></Action>"#;

fn described(targets: &[&str]) -> Document {
    let blocks: Vec<String> = (targets.iter())
        .map(|t| {
            format!(
                "<Annotations Target=\"{t}\"><Annotation Term=\"Org.OData.Core.V1.Description\" String=\"on {t}\" /></Annotations>"
            )
        })
        .collect();
    document(&format!(
        "{PARAMETER_OF_COMPLEX_TYPE}\n{}",
        blocks.join("\n")
    ))
}

#[test]
fn a_member_of_a_parameters_type_does_not_document_the_parameter() {
    // Before: the blocks on `p/x` overwrote the description of `p` itself.
    let targets = [
        "n.act(n.root)/p",
        "n.act(n.root)/p/x",
        "n.act/p/x",
        "n.act/bp/id",
    ];
    let model = resolved(&described(&targets));
    assert_eq!(
        parameter_doc(&model, "ns.act", "p"),
        Some("on n.act(n.root)/p")
    );
    let targets = ["n.act/p/x", "n.act(n.root)/p/x"];
    let model = resolved(&described(&targets));
    assert_eq!(parameter_doc(&model, "ns.act", "p"), None);
}

#[test]
fn a_member_of_a_parameters_type_that_does_not_exist_is_reported() {
    // Before: everything after the parameter was ignored, so these resolved.
    let targets = [
        "n.act(n.root)/p/nope",
        "n.act/bp/nope",
        "n.act/s/x",
        "n.act/nope/x",
    ];
    let err = resolve(&[described(&targets)]).expect_err("the targets do not resolve");
    let found: Vec<String> = err.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "targets.csdl:7:1: annotation target `n.act(n.root)/p/nope`: `ns.opts` has no member \
             `nope`",
            "targets.csdl:8:1: annotation target `n.act/bp/nope`: `ns.root` has no member `nope`",
            "targets.csdl:9:1: annotation target `n.act/s/x`: parameter `s` has a primitive type, \
             with no member `x`",
            "targets.csdl:10:1: annotation target `n.act/nope/x`: no overload of `ns.act` has a \
             parameter `nope`",
        ]
    );
}

#[test]
fn a_member_below_a_primitive_member_is_reported() {
    // Before: a type's path stopped looking at the first primitive member, while the same
    // path below a parameter of primitive type was an error.
    let targets = ["n.root/id/x", "n.act/bp/id/x", "n.root/id"];
    let err = resolve(&[described(&targets)]).expect_err("the targets do not resolve");
    let found: Vec<String> = err.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "targets.csdl:7:1: annotation target `n.root/id/x`: member `id` has a primitive \
             type, with no member `x`",
            "targets.csdl:8:1: annotation target `n.act/bp/id/x`: member `id` has a primitive \
             type, with no member `x`",
        ]
    );
}
