export * from './canonical';
export * from './schema';
export * from './query';
export * from './archive';
