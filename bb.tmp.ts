const { benchBot } = await import("./bench/bot.bench.ts");
console.log((await benchBot()).join("\n"));
