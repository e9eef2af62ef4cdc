// The clmd command line. Every command reuses the platform's services; none has SQL of its own.
import { Command, CommanderError } from 'commander';
import { registerCatalogueCommands } from './catalogue.commands.ts';
import { registerReferenceCommands } from './reference.commands.ts';
import { registerCrimeCommands } from './crime.commands.ts';
import { registerPopulationCommands } from './population.commands.ts';
import { registerAnalysisCommands } from './analysis.commands.ts';
import { registerReturnsCommands } from './returns.commands.ts';
import { registerDemoCommands } from './demo.commands.ts';
import { registerUsersCommands } from './users.commands.ts';
import { registerAuditCommands } from './audit.commands.ts';
import { registerAgreementsCommands } from './agreements.commands.ts';
import { registerCombinationCommands } from './combinations.commands.ts';
import { reportError } from './context.ts';
import { FORMATS, type Format } from './output.ts';

export function buildProgram(): Command {
  const program = new Command('clmd')
    .description(
      'County Lines Minimum Dataset: collect, share and analyse the Recommended Minimum Dataset.\n' +
        'Uses the embedded database in CLMD_DATA_DIR (default .clmd-data), or DATABASE_URL when set.',
    )
    .version('0.1.0')
    // Lets subcommands have their own --version (a catalogue version) without the root's taking it.
    .enablePositionalOptions()
    .showHelpAfterError('(run clmd --help for usage)')
    .exitOverride();
  registerCatalogueCommands(program);
  registerReferenceCommands(program);
  registerCrimeCommands(program);
  registerPopulationCommands(program);
  registerAnalysisCommands(program);
  registerReturnsCommands(program);
  registerDemoCommands(program);
  registerUsersCommands(program);
  registerAuditCommands(program);
  registerAgreementsCommands(program);
  registerCombinationCommands(program);
  return program;
}

/** The --format the user asked for, so errors come back in the same form as results. */
function requestedFormat(argv: string[]): Format | undefined {
  const i = argv.findIndex((a) => a === '--format' || a === '-f');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--format='))?.slice('--format='.length);
  return FORMATS.find((f) => f === value);
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    return reportError(error, requestedFormat(argv));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await run(process.argv);
}
