// The command line's words: the commands, their options and help, and the parsing of a line into them.
export { COMMANDS, commandHelp, commandNamed, generalHelp } from "./commands.ts";
export { type CommandLine, parseCommandLine, type Values } from "./parse.ts";
