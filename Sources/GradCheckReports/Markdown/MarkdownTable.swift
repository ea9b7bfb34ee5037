/// A Markdown table, as the precision and self-test reports print them.
enum MarkdownTable {
    /// The header, the alignment row and the rows; the first `text` columns are left-aligned,
    /// the rest (figures) right.
    static func lines(_ header: [String], _ rows: [[String]], text: Int = 1) -> [String] {
        ["| " + header.joined(separator: " | ") + " |",
         "|" + header.indices.map { $0 < text ? "---|" : "---:|" }.joined()]
            + rows.map { "| " + $0.joined(separator: " | ") + " |" }
    }
}
