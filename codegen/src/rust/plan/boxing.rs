//! Which struct fields are boxed: those that close a cycle of by-value containment.

use std::collections::BTreeSet;

use super::{Plan, TypePlan};
use crate::model::{Model, TypeId, TypeTarget};

/// Fields to box: a non-collection field whose target node is in its struct's strongly
/// connected component. Nodes: `2 * id` is a type's struct, `2 * id + 1` its enum.
pub(super) fn boxed_fields(model: &Model, types: &[TypePlan]) -> BTreeSet<(TypeId, String)> {
    let node = |id: TypeId| match (&types[id.0].polymorphic, &types[id.0].struct_name) {
        (Some(_), _) => Some(2 * id.0 + 1),
        (None, Some(_)) => Some(2 * id.0),
        (None, None) => None,
    };
    let mut fields = Vec::new();
    let mut edges = vec![Vec::new(); 2 * types.len()];
    for (i, plan) in types.iter().enumerate() {
        if let Some(p) = &plan.polymorphic {
            edges[2 * i + 1].extend(p.variants.iter().map(|v| 2 * v.ty.0));
        }
        let Some(s) = plan.struct_name.as_ref().and(model.structured(TypeId(i))) else {
            continue;
        };
        let props = s.properties.iter().map(|p| (&p.name.csdl, p.ty));
        let navs =
            (s.navigation_properties.iter()).map(|n| (&n.name.csdl, Plan::navigation_use(n)));
        for (name, ty) in props.chain(navs) {
            if let (false, TypeTarget::Defined(t)) = (ty.collection, ty.target)
                && let Some(target) = node(t)
            {
                edges[2 * i].push(target);
                fields.push((TypeId(i), name.clone(), target));
            }
        }
    }
    let component = components(&edges);
    fields
        .into_iter()
        .filter(|(owner, _, target)| component[2 * owner.0] == component[*target])
        .map(|(owner, name, _)| (owner, name))
        .collect()
}

/// Strongly connected components (Kosaraju, iterative): a component number per node.
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((v, next)) = stack.pop() {
            if let Some(&w) = edges[v].get(next) {
                stack.push((v, next + 1));
                if !seen[w] {
                    seen[w] = true;
                    stack.push((w, 0));
                }
            } else {
                order.push(v);
            }
        }
    }
    let mut reverse = vec![Vec::new(); n];
    for (v, targets) in edges.iter().enumerate() {
        targets.iter().for_each(|&w| reverse[w].push(v));
    }
    let mut component = vec![usize::MAX; n];
    for (number, &root) in order.iter().rev().enumerate() {
        if component[root] != usize::MAX {
            continue;
        }
        component[root] = number;
        let mut stack = vec![root];
        while let Some(v) = stack.pop() {
            for &w in &reverse[v] {
                if component[w] == usize::MAX {
                    component[w] = number;
                    stack.push(w);
                }
            }
        }
    }
    component
}
