import { processIO, type CliIO } from '../engine/src/cli/io.ts';
import { main as engineMain } from '../engine/src/cli/main.ts';
import { registerRepo } from '../repository/src/cli/repo.ts';
import { registerServe } from './serve.ts';

/** The full `chorus` command: the engine's commands plus the host's (`serve`) and the repository server's (`repo`). */
export function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  return engineMain(argv, io, {
    commands: (program, commandIo) => {
      registerServe(program, commandIo);
      registerRepo(program, commandIo);
    },
  });
}
