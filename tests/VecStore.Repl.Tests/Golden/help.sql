-- args: --echo
.help
