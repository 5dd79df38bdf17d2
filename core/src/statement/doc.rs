//! The statement as a small document of text pieces, shared by LaTeX,
//! Markdown and plain text. Every renderer escapes `Text` its own way.

/// An inline piece. Text is always escaped by the renderer.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    /// The emissions figure: bold where the format has bold.
    Strong(String),
    /// "CO2eq" with a subscript 2 where the format has one.
    Co2,
    /// References to `Facts::citations`.
    Cite(Vec<usize>),
    /// Who published a figure and when ("Amazon Web Services, 2025"), for the
    /// formats whose citations are numbers: Markdown and text print it in
    /// parentheses with the number of the `Cite` that follows; LaTeX leaves it
    /// out, because `\citep` prints the same (author-year) or a number.
    Attribution(String),
    /// A number in scientific notation: mantissa × 10^exponent.
    Sci {
        mantissa: String,
        exponent: i32,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Vec<Piece>),
    /// A short lead-in and a bulleted list.
    List(Vec<Piece>, Vec<Vec<Piece>>),
}

/// A sentence being written: text pieces join, other pieces follow in order.
#[derive(Default)]
pub(crate) struct Line(Vec<Piece>);

impl Line {
    pub(crate) fn t(mut self, s: impl Into<String>) -> Self {
        let s = s.into();
        if let Some(Piece::Text(last)) = self.0.last_mut() {
            last.push_str(&s);
        } else {
            self.0.push(Piece::Text(s));
        }
        self
    }

    pub(crate) fn strong(mut self, s: impl Into<String>) -> Self {
        self.0.push(Piece::Strong(s.into()));
        self
    }

    pub(crate) fn co2(mut self) -> Self {
        self.0.push(Piece::Co2);
        self
    }

    pub(crate) fn cite(mut self, refs: impl IntoIterator<Item = Option<usize>>) -> Self {
        let mut refs: Vec<usize> = refs.into_iter().flatten().collect();
        let mut seen = Vec::with_capacity(refs.len());
        refs.retain(|r| {
            if seen.contains(r) {
                false
            } else {
                seen.push(*r);
                true
            }
        });
        if !refs.is_empty() {
            self.0.push(Piece::Cite(refs));
        }
        self
    }

    pub(crate) fn attribution(mut self, s: impl Into<String>) -> Self {
        self.0.push(Piece::Attribution(s.into()));
        self
    }

    pub(crate) fn sci(mut self, mantissa: impl Into<String>, exponent: i32) -> Self {
        self.0.push(Piece::Sci { mantissa: mantissa.into(), exponent });
        self
    }

    pub(crate) fn done(self) -> Vec<Piece> {
        self.0
    }
}
