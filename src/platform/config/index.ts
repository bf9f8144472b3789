export { loadConfig, ConfigError } from './config';
export { ConfigSchema, type Config } from './config.schema';
