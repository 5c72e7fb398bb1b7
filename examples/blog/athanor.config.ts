import { defineConfig } from 'athanor'

export default defineConfig({
  // A relative SQLite path is taken from this file's folder.
  url: process.env.DATABASE_URL ?? 'sqlite:./blog.db',
  models: './src/models.ts',
  migrations: './migrations',
})
