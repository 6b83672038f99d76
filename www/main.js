// Boot: load the wasm core, then mount the activation explorer with the core's catalogue.
import init, { activationCatalogue } from './pkg/activation_playground.js';
import { mountExplorer } from './explorer/explorer.js';

async function main() {
  const status = document.querySelector('[data-testid="status"]');
  try {
    await init();
    const catalogue = JSON.parse(activationCatalogue());
    mountExplorer(document.getElementById('explorer'), {
      catalogue,
      onSelect: (spec) => {
        status.textContent = `Activation: ${spec}`;
      },
    });
    document.documentElement.dataset.ready = 'true';
  } catch (error) {
    status.textContent = `The page could not start: ${error.message}`;
    throw error;
  }
}

main();
