// src/source/yaml.ts loads the yaml package on first use through Node's require, which the browser lacks; the bundle
// loads its modules itself, so here it is a plain import (the bundle is the one it was before that module existed).
import * as lib from 'yaml';

export const yaml = (): typeof lib => lib;
