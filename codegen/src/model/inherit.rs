//! Inheritance: base types checked, cycles reported and broken, ancestor chains and derived-type
//! lists computed, and inherited members flattened into every structured type (base first).
//!
//! Every walk along base types is bounded: cycles are found first with a three-colour walk and
//! broken by removing the base links of their members, so later passes cannot loop.

use super::fast_hash::FastMap;
use super::naming;
use super::resolve::Resolver;
use super::{Model, NavigationDef, Origin, PropertyDef, StructuredDef, TypeId, TypeKind};
use crate::csdl::syntax::StructuredKind;

/// Runs all inheritance passes.
pub(crate) fn link(cx: &mut Resolver) {
    check_base_kinds(cx);
    break_cycles(cx);
    compute_ancestors(&mut cx.model);
    compute_derived(&mut cx.model);
    flatten_members(cx);
}

fn structured_mut(model: &mut Model, index: usize) -> Option<&mut StructuredDef> {
    match model.types.get_mut(index).map(|t| &mut t.kind) {
        Some(TypeKind::Structured(s)) => Some(s),
        _ => None,
    }
}

fn base_of(model: &Model, index: usize) -> Option<usize> {
    match model.types.get(index).map(|t| &t.kind) {
        Some(TypeKind::Structured(s)) => s.base.map(|b| b.0),
        _ => None,
    }
}

fn kind_name(kind: StructuredKind) -> &'static str {
    match kind {
        StructuredKind::Entity => "an entity type",
        StructuredKind::Complex => "a complex type",
    }
}

/// A base type must be a structured type of the same kind.
fn check_base_kinds(cx: &mut Resolver) {
    for index in 0..cx.model.types.len() {
        let ty = &cx.model.types[index];
        let TypeKind::Structured(s) = &ty.kind else {
            continue;
        };
        let Some(base) = s.base else {
            continue;
        };
        let base_ty = cx.model.ty(base);
        let base_kind = match &base_ty.kind {
            TypeKind::Structured(b) => Some(b.kind),
            _ => None,
        };
        if base_kind == Some(s.kind) {
            continue;
        }
        let message = format!(
            "base type `{}` of `{}` is not {}",
            base_ty.qualified_name,
            ty.qualified_name,
            kind_name(s.kind)
        );
        let origin = ty.origin.clone();
        cx.error_at(&origin, message);
        if let Some(s) = structured_mut(&mut cx.model, index) {
            s.base = None;
        }
    }
}

/// Reports each inheritance cycle once and removes the base links of its members.
fn break_cycles(cx: &mut Resolver) {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; cx.model.types.len()];
    for start in 0..state.len() {
        let mut path = Vec::new();
        let mut current = Some(start);
        while let Some(index) = current {
            match state.get(index).copied() {
                Some(NEW) => {
                    state[index] = ON_PATH;
                    path.push(index);
                    current = base_of(&cx.model, index);
                }
                Some(ON_PATH) => {
                    let at = path.iter().position(|&p| p == index).unwrap_or(0);
                    report_cycle(cx, &path[at..]);
                    current = None;
                }
                _ => current = None,
            }
        }
        for index in path {
            state[index] = DONE;
        }
    }
}

fn report_cycle(cx: &mut Resolver, cycle: &[usize]) {
    let names: Vec<&str> = cycle
        .iter()
        .map(|&i| cx.model.types[i].qualified_name.as_str())
        .collect();
    let first = names.first().copied().unwrap_or_default();
    let message = format!("cyclic inheritance: {} -> {first}", names.join(" -> "));
    let origin = cycle
        .iter()
        .map(|&i| &cx.model.types[i].origin)
        .min_by(|a, b| (&a.source, a.pos).cmp(&(&b.source, b.pos)))
        .cloned()
        .unwrap_or_default();
    cx.error_at(&origin, message);
    for &index in cycle {
        if let Some(s) = structured_mut(&mut cx.model, index) {
            s.base = None;
        }
    }
}

fn compute_ancestors(model: &mut Model) {
    for index in 0..model.types.len() {
        let mut ancestors = Vec::new();
        let mut current = base_of(model, index);
        while let Some(base) = current {
            if ancestors.len() > model.types.len() {
                break;
            }
            ancestors.push(TypeId(base));
            current = base_of(model, base);
        }
        if let Some(s) = structured_mut(model, index) {
            s.ancestors = ancestors;
        }
    }
}

fn compute_derived(model: &mut Model) {
    for index in 0..model.types.len() {
        let TypeKind::Structured(s) = &model.types[index].kind else {
            continue;
        };
        if let Some(s) = s.base.and_then(|b| structured_mut(model, b.0)) {
            s.direct_derived.push(TypeId(index));
        }
        // The ancestors are read one at a time by position rather than cloned.
        for nth in 0.. {
            let ancestor = match &model.types[index].kind {
                TypeKind::Structured(s) => s.ancestors.get(nth).copied(),
                _ => None,
            };
            let Some(ancestor) = ancestor else {
                break;
            };
            if let Some(s) = structured_mut(model, ancestor.0) {
                s.all_derived.push(TypeId(index));
            }
        }
    }
}

/// Prepends inherited properties, navigation properties and key to every structured type,
/// bases before derived types, and reports members that clash.
fn flatten_members(cx: &mut Resolver) {
    let mut order: Vec<(usize, usize)> = (0..cx.model.types.len())
        .filter_map(|i| match &cx.model.types[i].kind {
            TypeKind::Structured(s) => Some((s.ancestors.len(), i)),
            _ => None,
        })
        .collect();
    order.sort();
    for (_, index) in order {
        flatten_one(cx, index);
    }
}

/// A member name clashing with one seen before, and where it was declared.
type Clash = (String, TypeId, Origin);

/// Records `name` as seen, or the clash with the member that took it first; whether to keep it.
fn admit<'a>(
    seen: &mut FastMap<&'a str, TypeId>,
    clashes: &mut Vec<Clash>,
    name: &'a str,
    declared_in: TypeId,
    origin: &Origin,
) -> bool {
    match seen.get(name) {
        Some(&first) => {
            clashes.push((name.to_owned(), first, origin.clone()));
            false
        }
        None => {
            seen.insert(name, declared_in);
            true
        }
    }
}

/// A structured type's members after flattening: inherited (cloned from the base) then own.
struct Flattened {
    properties: Vec<PropertyDef>,
    navigation_properties: Vec<NavigationDef>,
    key: Option<Vec<String>>,
    /// Per own property, then per own navigation property: whether it is kept (`None`: all are).
    keep: Option<Vec<bool>>,
    clashes: Vec<Clash>,
}

/// Clones the inherited members of type `index` (whose own members are `own`) and decides
/// which own members clash with them or with each other.
fn inherited(model: &Model, index: usize, own: &StructuredDef) -> Flattened {
    let base = base_of(model, index).and_then(|b| match &model.types[b].kind {
        TypeKind::Structured(s) => Some(s),
        _ => None,
    });
    let base_props = base.map_or(&[][..], |b| &b.properties);
    let base_navs = base.map_or(&[][..], |b| &b.navigation_properties);
    let mut properties = Vec::with_capacity(base_props.len() + own.properties.len());
    properties.extend_from_slice(base_props);
    let mut navigation_properties =
        Vec::with_capacity(base_navs.len() + own.navigation_properties.len());
    navigation_properties.extend_from_slice(base_navs);
    let key = base.filter(|_| own.key.is_empty()).map(|b| b.key.clone());
    let names = (base_props.iter().map(|p| p.name.csdl.as_str()))
        .chain(base_navs.iter().map(|n| n.name.csdl.as_str()))
        .chain(own.properties.iter().map(|p| p.name.csdl.as_str()))
        .chain(
            own.navigation_properties
                .iter()
                .map(|n| n.name.csdl.as_str()),
        );
    // Usually no name is taken twice: then every own member is kept.
    let (keep, clashes) = if naming::all_distinct(names) {
        (None, Vec::new())
    } else {
        let (keep, clashes) = admit_all(base_props, base_navs, own);
        (Some(keep), clashes)
    };
    Flattened {
        properties,
        navigation_properties,
        key,
        keep,
        clashes,
    }
}

/// Which own members of `own` to keep, checking names against the inherited members and each
/// other in order, and the clashes found.
fn admit_all(
    base_props: &[PropertyDef],
    base_navs: &[NavigationDef],
    own: &StructuredDef,
) -> (Vec<bool>, Vec<Clash>) {
    // Names are borrowed, not copied: inherited members first, then own ones in order.
    let inherited = (base_props
        .iter()
        .map(|p| (p.name.csdl.as_str(), p.declared_in)))
    .chain(
        base_navs
            .iter()
            .map(|n| (n.name.csdl.as_str(), n.declared_in)),
    );
    let mut seen: FastMap<&str, TypeId> = inherited.collect();
    let mut clashes = Vec::new();
    let own_props = own
        .properties
        .iter()
        .map(|p| (&p.name, p.declared_in, &p.origin));
    let own_navs = (own.navigation_properties.iter()).map(|n| (&n.name, n.declared_in, &n.origin));
    let keep = own_props
        .chain(own_navs)
        .map(|(name, declared_in, origin)| {
            admit(&mut seen, &mut clashes, &name.csdl, declared_in, origin)
        })
        .collect();
    (keep, clashes)
}

fn flatten_one(cx: &mut Resolver, index: usize) {
    let flat = match &cx.model.types[index].kind {
        TypeKind::Structured(own) => inherited(&cx.model, index, own),
        _ => return,
    };
    let Some(own) = structured_mut(&mut cx.model, index) else {
        return;
    };
    let (mut properties, mut navigations) = (flat.properties, flat.navigation_properties);
    let mut keep = flat.keep.into_iter().flatten();
    let own_properties = std::mem::take(&mut own.properties).into_iter();
    properties.extend(own_properties.filter(|_| keep.next().unwrap_or(true)));
    let own_navigations = std::mem::take(&mut own.navigation_properties).into_iter();
    navigations.extend(own_navigations.filter(|_| keep.next().unwrap_or(true)));
    own.properties = properties;
    own.navigation_properties = navigations;
    if let Some(base_key) = flat.key {
        own.key = base_key;
    }
    for (name, first_in, origin) in flat.clashes {
        let type_name = &cx.model.types[index].qualified_name;
        let message = if first_in.0 == index {
            format!("duplicate property `{name}` in `{type_name}`")
        } else {
            let base_name = &cx.model.ty(first_in).qualified_name;
            format!(
                "property `{name}` of `{type_name}` clashes with the property inherited from `{base_name}`"
            )
        };
        cx.error_at(&origin, message);
    }
}
