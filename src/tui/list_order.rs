//! The order of the article list. Sorting is a view over article indices: the corpus keeps
//! its file order because every analysis result refers to articles by index, so the list
//! only permutes the indices it shows (after the entity filter, if any).

use crate::corpus::Article;
use crate::text::fold;

/// How the article list is ordered; `s` cycles through them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListOrder {
    /// The order the files were given in.
    #[default]
    File,
    /// Oldest first; undated articles last.
    Date,
    /// By source, grouped (each row prefixed with its source); unknown sources last.
    Source,
    /// By title, ignoring case and accents.
    Title,
}

impl ListOrder {
    /// The order after this one, wrapping around.
    pub fn next(self) -> ListOrder {
        match self {
            ListOrder::File => ListOrder::Date,
            ListOrder::Date => ListOrder::Source,
            ListOrder::Source => ListOrder::Title,
            ListOrder::Title => ListOrder::File,
        }
    }

    /// A word for the list's title.
    pub fn label(self) -> &'static str {
        match self {
            ListOrder::File => "file order",
            ListOrder::Date => "by date",
            ListOrder::Source => "by source",
            ListOrder::Title => "by title",
        }
    }

    /// Sorts `rows` (indices into `articles`) in this order; ties keep file order.
    pub fn sort(self, articles: &[Article], rows: &mut [usize]) {
        let key = |i: usize| -> (bool, String) {
            let a = &articles[i];
            let field = match self {
                ListOrder::File => return (false, String::new()),
                ListOrder::Date => a.meta.date.as_deref().map(str::to_owned),
                ListOrder::Source => a.meta.source.as_deref().map(fold),
                ListOrder::Title => Some(fold(&a.title)),
            };
            (field.is_none(), field.unwrap_or_default())
        };
        if self != ListOrder::File {
            rows.sort_by_cached_key(|&i| (key(i), i));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Meta;

    fn article(title: &str, source: Option<&str>, date: Option<&str>) -> Article {
        let meta = Meta {
            source: source.map(Into::into),
            date: date.map(Into::into),
            ..Meta::default()
        };
        Article::new(
            title.into(),
            title.into(),
            String::new(),
            "Texte.".into(),
            meta,
        )
    }

    #[test]
    fn sorts_indices_without_moving_articles() {
        let articles = [
            article("Zèbre", Some("Le Monde"), None),
            article("abeille", None, Some("2024-03-02")),
            article("Élan", Some("AFP"), Some("2024-01-09")),
        ];
        let sorted = |order: ListOrder| {
            let mut rows = vec![0, 1, 2];
            order.sort(&articles, &mut rows);
            rows
        };
        assert_eq!(sorted(ListOrder::File), [0, 1, 2]);
        assert_eq!(sorted(ListOrder::Date), [2, 1, 0]);
        assert_eq!(sorted(ListOrder::Source), [2, 0, 1]);
        assert_eq!(sorted(ListOrder::Title), [1, 2, 0]);
        let mut order = ListOrder::File;
        for _ in 0..4 {
            order = order.next();
        }
        assert_eq!(order, ListOrder::File);
    }
}
