"""One module per ``edition`` sub-command; each exports ``command``."""
