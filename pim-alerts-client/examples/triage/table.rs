//! A plain-text table: left- or right-aligned columns padded to the widest cell, each column
//! capped at a maximum width with long text cut and marked with `…`.

/// How a column is laid out.
pub struct Column {
    /// The header text (also the column's minimum width).
    pub header: &'static str,
    /// Cells longer than this many characters are cut and end in `…`.
    pub max_width: usize,
    /// Right-align (numbers) instead of left-align.
    pub right: bool,
}

impl Column {
    /// A left-aligned column.
    pub const fn left(header: &'static str, max_width: usize) -> Self {
        Column {
            header,
            max_width,
            right: false,
        }
    }

    /// A right-aligned column.
    pub const fn right(header: &'static str, max_width: usize) -> Self {
        Column {
            header,
            max_width,
            right: true,
        }
    }
}

/// Cuts `text` to at most `max` characters, ending in `…` when something was cut. Line breaks
/// and runs of white space become single spaces so a cell stays on one line.
pub fn truncate(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let kept: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Renders `rows` under `columns`, each line prefixed with `indent`. Rows shorter than the
/// column list get empty cells; a column whose cells are all empty is left out.
pub fn render(columns: &[Column], rows: &[Vec<String>], indent: &str) -> String {
    let cell =
        |row: &Vec<String>, i: usize| row.get(i).map(String::as_str).unwrap_or("").to_owned();
    let shown: Vec<usize> = (0..columns.len())
        .filter(|&i| rows.iter().any(|r| !cell(r, i).trim().is_empty()))
        .collect();
    let columns: Vec<&Column> = shown.iter().map(|&i| &columns[i]).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let kept = shown.iter().zip(&columns);
            kept.map(|(&i, c)| truncate(&cell(row, i), c.max_width))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let widest = cells.iter().map(|r| r[i].chars().count()).max();
            widest.unwrap_or(0).max(c.header.chars().count())
        })
        .collect();
    let mut out = String::new();
    let headers: Vec<String> = columns.iter().map(|c| c.header.to_owned()).collect();
    for row in std::iter::once(&headers).chain(&cells) {
        out.push_str(&line(&columns, &widths, row, indent));
    }
    out
}

fn line(columns: &[&Column], widths: &[usize], row: &[String], indent: &str) -> String {
    let padded: Vec<String> = row
        .iter()
        .zip(columns.iter().zip(widths))
        .map(|(cell, (column, &width))| {
            if column.right {
                format!("{cell:>width$}")
            } else {
                format!("{cell:<width$}")
            }
        })
        .collect();
    format!("{indent}{}\n", padded.join("  ").trim_end())
}
