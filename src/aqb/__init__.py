"""AQB-Zielvereinbarungen Hessen: data model, checks and page data, independent of MkDocs."""
