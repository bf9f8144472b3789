export { AppError, isAppError, statusForKind, type ErrorKind } from './app-error';
