//! Container paths as the client walk sees them: the [`Place`] a node is reached at, and the
//! prefixes of annotated paths under which a path stays part of a node's state.

use std::collections::BTreeSet;

use crate::model::Model;

/// A path as the walk sees it: the template (for docs), the key-free path while an annotation
/// targets a path below it (else `None`), the last segment (for names), and the key count.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub(super) template: String,
    pub(super) path: Option<String>,
    pub(super) last: String,
    pub(super) keys: usize,
}

impl Place {
    pub(super) fn root(name: &str) -> Place {
        Place {
            template: format!("/{name}"),
            path: Some(name.to_owned()),
            last: name.to_owned(),
            keys: 0,
        }
    }

    pub(super) fn nav(&self, name: &str) -> Place {
        Place {
            template: format!("{}/{name}", self.template),
            path: self.path.as_ref().map(|p| format!("{p}/{name}")),
            last: name.to_owned(),
            keys: self.keys,
        }
    }

    pub(super) fn keyed(&self) -> Place {
        let key = match self.keys {
            0 => "id".to_owned(),
            n => format!("id{}", n + 1),
        };
        Place {
            template: format!("{}/{{{key}}}", self.template),
            path: self.path.clone(),
            last: self.last.clone(),
            keys: self.keys + 1,
        }
    }
}

/// Every prefix of a container path that an annotation targets (`a`, `a/b`, `a/b/c` for
/// `a/b/c`): the walk keeps the path of a state only under these.
pub(super) fn annotated_prefixes(model: &Model) -> BTreeSet<String> {
    let paths = (model.container.iter()).flat_map(|c| c.path_capabilities.keys());
    let mut prefixes = BTreeSet::new();
    for path in paths {
        let mut end = 0;
        for segment in path.split('/') {
            end += segment.len();
            prefixes.insert(path[..end].to_owned());
            end += 1;
        }
    }
    prefixes
}
