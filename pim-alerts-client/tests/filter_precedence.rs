//! `and`/`or`/`not` keep their meaning in the text: random expression trees are rendered
//! through the typed API, parsed back with OData's precedence (`not` > `and` > `or`), and both
//! are evaluated under every assignment of their comparisons.

use pim_alerts_client::UnifiedRoleManagementAlertFilter as AlertFilter;
use pim_alerts_client::runtime::Filter;
use pim_alerts_models::UnifiedRoleManagementAlert;

type Expr = Filter<UnifiedRoleManagementAlert>;

/// A boolean expression over comparisons 0..ATOMS.
#[derive(Debug, Clone)]
enum Tree {
    Atom(usize),
    Not(Box<Tree>),
    And(Box<Tree>, Box<Tree>),
    Or(Box<Tree>, Box<Tree>),
}

const ATOMS: usize = 5;

fn atom(i: usize) -> Expr {
    let a = AlertFilter::new();
    match i {
        0 => a.is_active().eq(true),
        1 => a.incident_count().gt(0),
        2 => a.scope_id().eq("/"),
        3 => a.scope_type().eq("Directory Role"),
        _ => a.alert_configuration().is_enabled().ne(false),
    }
}

fn random_tree(rng: &mut fastrand::Rng, depth: u32) -> Tree {
    if depth == 0 || rng.u8(0..4) == 0 {
        return Tree::Atom(rng.usize(0..ATOMS));
    }
    let kind = rng.u8(0..5);
    let mut sub = || Box::new(random_tree(rng, depth - 1));
    match kind {
        0 => Tree::Not(sub()),
        1 | 2 => Tree::And(sub(), sub()),
        _ => Tree::Or(sub(), sub()),
    }
}

fn render(tree: &Tree) -> Expr {
    match tree {
        Tree::Atom(i) => atom(*i),
        Tree::Not(t) => render(t).not(),
        Tree::And(l, r) => render(l).and(render(r)),
        Tree::Or(l, r) => render(l).or(render(r)),
    }
}

fn eval(tree: &Tree, truth: &[bool]) -> bool {
    match tree {
        Tree::Atom(i) => truth[*i],
        Tree::Not(t) => !eval(t, truth),
        Tree::And(l, r) => eval(l, truth) && eval(r, truth),
        Tree::Or(l, r) => eval(l, truth) || eval(r, truth),
    }
}

/// A precedence-climbing reader of the rendered text back into a tree.
struct Parser {
    tokens: Vec<String>,
    at: usize,
    atoms: Vec<String>,
}

impl Parser {
    fn new(text: &str) -> Parser {
        let spaced = text.replace('(', " ( ").replace(')', " ) ");
        let atoms = (0..ATOMS).map(|i| atom(i).into_string()).collect();
        Parser {
            tokens: spaced.split_whitespace().map(str::to_owned).collect(),
            at: 0,
            atoms,
        }
    }

    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(String::as_str)
    }

    fn next(&mut self) -> String {
        self.at += 1;
        self.tokens[self.at - 1].clone()
    }

    fn or(&mut self) -> Tree {
        let mut left = self.and();
        while self.peek() == Some("or") {
            self.next();
            left = Tree::Or(Box::new(left), Box::new(self.and()));
        }
        left
    }

    fn and(&mut self) -> Tree {
        let mut left = self.unary();
        while self.peek() == Some("and") {
            self.next();
            left = Tree::And(Box::new(left), Box::new(self.unary()));
        }
        left
    }

    fn unary(&mut self) -> Tree {
        match self.peek() {
            Some("not") => {
                self.next();
                Tree::Not(Box::new(self.unary()))
            }
            Some("(") => {
                self.next();
                let inner = self.or();
                assert_eq!(self.next(), ")");
                inner
            }
            _ => self.comparison(),
        }
    }

    /// `path op literal`, where a string literal may hold spaces.
    fn comparison(&mut self) -> Tree {
        let mut text = format!("{} {} {}", self.next(), self.next(), self.next());
        while !self.atoms.contains(&text) && text.matches('\'').count() % 2 == 1 {
            text = format!("{text} {}", self.next());
        }
        let i = (self.atoms.iter().position(|a| *a == text))
            .unwrap_or_else(|| panic!("unknown comparison `{text}`"));
        Tree::Atom(i)
    }
}

#[test]
fn rendered_text_means_what_the_tree_means() {
    let mut rng = fastrand::Rng::with_seed(0x0DA7A);
    for _ in 0..2_000 {
        let tree = random_tree(&mut rng, 4);
        let text = render(&tree).into_string();
        let mut parser = Parser::new(&text);
        let parsed = parser.or();
        assert_eq!(parser.at, parser.tokens.len(), "trailing tokens in {text}");
        for bits in 0..(1u32 << ATOMS) {
            let truth: Vec<bool> = (0..ATOMS).map(|i| bits & (1 << i) != 0).collect();
            assert_eq!(
                eval(&parsed, &truth),
                eval(&tree, &truth),
                "{text} for {tree:?}"
            );
        }
    }
}

#[test]
fn no_redundant_parentheses_in_flat_chains() {
    let chain = (1..ATOMS).fold(atom(0), |f, i| f.and(atom(i)));
    assert!(!chain.as_str().contains('('), "{chain}");
    let chain = (1..ATOMS).fold(atom(0), |f, i| f.or(atom(i)));
    assert!(!chain.as_str().contains('('), "{chain}");
}
