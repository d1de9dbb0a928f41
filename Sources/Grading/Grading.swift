// Placeholder: this module's API is built by its own issue.
