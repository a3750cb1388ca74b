// `npm start`: the production build with demo accounts, at http://localhost:$PORT.
// A real deployment (`npm run serve`) names its own APP_URL instead.
process.env.NODE_ENV = 'production'
process.env.SEED_DEMO ??= '1'
process.env.APP_URL ??= `http://localhost:${process.env.PORT ?? 3000}`
await import('../server.ts')
export {}
