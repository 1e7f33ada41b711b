//! Runnable rustdoc examples, built from the model, for the main generated types: each
//! polymorphic enum (decode a tagged object, match its variant, read an accessor), each string
//! enum (a known member and an unknown one kept in the catch-all) and each entity struct that an
//! entity set or a contained collection holds (decode, read fields, unknown properties kept).
//!
//! Examples name the crate (doc tests are separate crates), so they are only emitted when the
//! plan knows the crate's name ([`Plan::doc_crate`]).

use std::fmt::Write as _;

use crate::model::{EnumDef, Primitive, PropertyDef, StructuredDef, TypeId, TypeTarget};
use crate::rust::plan::{Plan, PolymorphicPlan, Repr, ident};

/// The value examples put in string properties.
const SAMPLE: &str = "example";

/// `# Example` section for polymorphic enum `id`, if the crate name is known.
pub(super) fn polymorphic_example(plan: &Plan<'_>, id: TypeId, p: &PolymorphicPlan) -> String {
    let Some(krate) = plan.doc_crate() else {
        return String::new();
    };
    let model = plan.model();
    let name = ident(&model.ty(id).name.rust).to_string();
    let (tag, variant) = match p.variants.first() {
        Some(v) => (
            model.ty(v.ty).qualified_name.clone(),
            ident(&v.name).to_string(),
        ),
        None => (
            format!("{}Unknown", model.ty(id).qualified_name),
            p.other.clone(),
        ),
    };
    let accessor = model.structured(id).and_then(|s| {
        let mut list = p.accessors.iter();
        list.find_map(|(i, method)| Some((s.properties.get(*i).filter(|p| is_string(p))?, method)))
    });
    let mut json = format!("\"@odata.type\": \"#{tag}\"");
    if let Some((prop, _)) = accessor {
        write!(json, ", \"{}\": \"{SAMPLE}\"", prop.name.csdl).ok();
    }
    let mut code = format!(
        "use {}{name};\n\n\
         let json = r##\"{{{json}}}\"##;\n\
         let value: {name} = serde_json::from_str(json)?;\n\
         assert_eq!(value.odata_type(), \"#{tag}\");\n",
        module_path(plan, krate, id)
    );
    let binding = match accessor {
        Some((prop, method)) => {
            let method = ident(method);
            writeln!(code, "assert_eq!(value.{method}(), Some(\"{SAMPLE}\"));").ok();
            let field = ident(&prop.name.rust);
            let read = if p.variants.is_empty() {
                format!("assert_eq!(v[\"{}\"], \"{SAMPLE}\")", prop.name.csdl)
            } else {
                format!("assert_eq!(v.{field}.as_deref(), Some(\"{SAMPLE}\"))")
            };
            format!("v) => {read},")
        }
        None => "_) => {}".to_owned(),
    };
    write!(
        code,
        "match &value {{\n    {name}::{variant}({binding}\n    \
         other => panic!(\"unexpected variant {{other:?}}\"),\n}}\n"
    )
    .ok();
    section(&code)
}

/// `# Example` section for string enum `id`, if the crate name is known.
pub(super) fn string_enum_example(plan: &Plan<'_>, id: TypeId, e: &EnumDef) -> String {
    let Some(krate) = plan.doc_crate() else {
        return String::new();
    };
    let ty = plan.model().ty(id);
    let name = ident(&ty.name.rust).to_string();
    let mut code = format!("use {}{name};\n\n", module_path(plan, krate, id));
    // A member that reads as a value (`low` rather than `unknown`), when there is one.
    let members = e.members.iter();
    let sample = members
        .clone()
        .find(|m| !m.name.csdl.starts_with("unknown"));
    if let Some(m) = sample.or(e.members.first()) {
        write!(
            code,
            "let known: {name} = serde_json::from_str(r#\"\"{csdl}\"\"#)?;\n\
             assert_eq!(known, {name}::{variant});\n\
             assert_eq!(known.as_str(), \"{csdl}\");\n",
            csdl = m.name.csdl,
            variant = ident(&m.name.rust)
        )
        .ok();
    }
    let unknown = unused_name(|n| e.members.iter().any(|m| m.name.csdl == n));
    write!(
        code,
        "// A member this crate does not know yet is kept, and written back unchanged.\n\
         let unknown: {name} = serde_json::from_str(r#\"\"{unknown}\"\"#)?;\n\
         assert_eq!(unknown, {name}::{}(\"{unknown}\".to_owned()));\n\
         assert_eq!(serde_json::to_string(&unknown)?, r#\"\"{unknown}\"\"#);\n\
         assert_eq!(unknown.to_string(), \"{unknown}\");\n",
        ident(&e.catch_all_variant)
    )
    .ok();
    section(&code)
}

/// `# Example` section for the struct of entity type `id`, if it is a main type of the API
/// (see [`is_main_entity`]) and the crate name is known.
pub(super) fn struct_example(plan: &Plan<'_>, id: TypeId, s: &StructuredDef) -> String {
    let (Some(krate), Repr::Struct(struct_name)) = (plan.doc_crate(), &plan.ty(id).repr) else {
        return String::new();
    };
    if !is_main_entity(plan, id) {
        return String::new();
    }
    let name = ident(struct_name).to_string();
    let props: Vec<&PropertyDef> = s
        .properties
        .iter()
        .filter(|p| is_string(p))
        .take(2)
        .collect();
    let unknown = unused_name(|n| s.property(n).is_some() || s.navigation(n).is_some());
    // A struct that is a variant of some enum writes its `@odata.type` back.
    let tag = (plan.ty(id).write_odata_type)
        .then(|| format!("\"@odata.type\": \"{}\"", plan.model().ty(id).odata_type()));
    let fields = props
        .iter()
        .map(|p| format!("\"{}\": \"{SAMPLE}\"", p.name.csdl));
    let mut json: Vec<String> = tag.into_iter().chain(fields).collect();
    json.push(format!("\"{unknown}\": 1"));
    let mut code = format!(
        "use {}{name};\n\n\
         let json = r##\"{{{}}}\"##;\n\
         let value: {name} = serde_json::from_str(json)?;\n",
        module_path(plan, krate, id),
        json.join(", ")
    );
    for p in &props {
        let field = ident(&p.name.rust);
        writeln!(
            code,
            "assert_eq!(value.{field}.as_deref(), Some(\"{SAMPLE}\"));"
        )
        .ok();
    }
    let extra = ident(&plan.ty(id).additional_field);
    write!(
        code,
        "// Properties this crate does not know are kept, and written back.\n\
         assert_eq!(value.{extra}[\"{unknown}\"], 1);\n\
         let written: serde_json::Value = serde_json::to_value(&value)?;\n\
         assert_eq!(written, serde_json::from_str::<serde_json::Value>(json)?);\n"
    )
    .ok();
    section(&code)
}

/// Whether `id` is the entity type of an entity set or of a contained collection.
fn is_main_entity(plan: &Plan<'_>, id: TypeId) -> bool {
    let model = plan.model();
    let in_set = (model.container.iter())
        .flat_map(|c| &c.entity_sets)
        .any(|set| set.entity_type == id);
    in_set
        || (model.types.iter())
            .filter_map(|t| match &t.kind {
                crate::model::TypeKind::Structured(s) => Some(s),
                _ => None,
            })
            .flat_map(|s| &s.navigation_properties)
            .any(|n| n.contains_target && n.collection && n.target == id)
}

fn is_string(p: &PropertyDef) -> bool {
    !p.ty.collection && p.ty.target == TypeTarget::Primitive(Primitive::String)
}

/// A camelCase name that `taken` rejects for none of the tries.
fn unused_name(taken: impl Fn(&str) -> bool) -> String {
    let mut name = "someFutureName".to_owned();
    let mut n = 1;
    while taken(&name) {
        name = format!("someFutureName{n}");
        n += 1;
    }
    name
}

/// `krate::module::` for the module of type `id`.
fn module_path(plan: &Plan<'_>, krate: &str, id: TypeId) -> String {
    let mut path = format!("{krate}::");
    for m in &plan.model().ty(id).module {
        write!(path, "{}::", ident(m)).ok();
    }
    path
}

/// A `# Example` section around `code`, which may use `?` on `serde_json::Error`.
fn section(code: &str) -> String {
    format!("\n\n# Example\n\n```\n{code}# Ok::<(), serde_json::Error>(())\n```")
}
