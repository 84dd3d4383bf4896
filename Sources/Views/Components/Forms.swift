import Plot

/// One `<option>` of a select: the submitted value, the Chinese label, and whether it is selected.
public struct SelectOption: Sendable, Equatable {
    public var value: String
    public var label: String
    public var isSelected: Bool

    public init(value: String, label: String, isSelected: Bool = false) {
        self.value = value; self.label = label; self.isSelected = isSelected
    }
}

/// Form building blocks shared by the pages.
enum Forms {
    /// The hidden CSRF field every POST form carries.
    static func csrfField<C: HTML.BodyContext>(_ token: String) -> Node<C> {
        .input(.type(.hidden), .name("csrf"), .attr("value", token))
    }

    /// A `<select>`; with `allLabel`, a first option with an empty value stands for "no filter"
    /// and is selected when none of `options` is.
    static func select<C: HTML.BodyContext>(
        name: String,
        id: String,
        options: [SelectOption],
        allLabel: String? = nil,
        isRequired: Bool = false
    ) -> Node<C> {
        let noneSelected = !options.contains(where: \.isSelected)
        return .select(
            .attr("name", name),
            .attr("id", id),
            .flag("required", isRequired),
            .unwrap(allLabel) { label in
                option(value: "", label: label, isSelected: noneSelected)
            },
            .forEach(options) { option(value: $0.value, label: $0.label, isSelected: $0.isSelected) }
        )
    }

    static func option(value: String, label: String, isSelected: Bool) -> Node<HTML.SelectContext> {
        .element(named: "option", nodes: [
            .attr("value", value),
            .flag("selected", isSelected),
            .text(label),
        ])
    }

    /// A labelled form row: `<div class="field"><label for=…>…</label>control hint</div>`.
    static func field<C: HTML.BodyContext>(
        label: String,
        for controlID: String,
        control: Node<C>,
        hint: String? = nil
    ) -> Node<C> {
        .div(
            .cls("field"),
            .label(.attr("for", controlID), .text(label)),
            control,
            .unwrap(hint) { .p(.cls("field-hint"), .text($0)) }
        )
    }
}
