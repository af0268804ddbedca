"""The default report templates, installed as the package `reportgen.templates`.

This folder stays at the top of the repository so that it is easy to edit;
pyproject.toml maps it into the package. The file only makes the folder a regular
package, which editable installs need to find it. It holds no code."""
