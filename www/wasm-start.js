// Starts compiling the wasm core the moment this small classic script arrives (it is `async` in index.html),
// while the parser, the first layout and the module graph of main.js are still under way: on a 2-core machine
// the compile then runs beside that work instead of after it. main.js picks the promise up
// (`window.apWasmModule`) and falls back to loading the wasm itself when it is missing or failed, so a failure
// here is reported there, once.
window.apWasmModule = WebAssembly.compileStreaming(fetch('pkg/activation_playground_bg.wasm'));
window.apWasmModule.catch(() => {});
