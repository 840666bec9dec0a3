// The vecstore command line; the shell and the demo arrive with the Repl layer.
return 0;
