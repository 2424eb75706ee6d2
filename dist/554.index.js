"use strict";
exports.id = 554;
exports.ids = [554];
exports.modules = {

/***/ 554:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createRefreshMachine: () => (/* binding */ createRefreshMachine)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
// EXTERNAL MODULE: ./src/registries/paths.ts
var paths = __webpack_require__(59);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
;// CONCATENATED MODULE: ./src/refresh/key-files.ts



const CACHE_FILE = 'key.json';
const LOCK_FILE = 'key.lock';
const NO_FOLLOW = process.platform === 'win32' ? 0 : external_node_fs_.constants.O_NOFOLLOW;
function keyFiles(dir, pid = process.pid) {
    const cachePath = (0,external_node_path_.join)(dir, CACHE_FILE);
    const lockPath = (0,external_node_path_.join)(dir, LOCK_FILE);
    let ownLock;
    return {
        readCache() {
            return readPrivate(cachePath);
        },
        writeCache(text) {
            replaceWhole(cachePath, text);
        },
        tryLock(nowMs) {
            const text = `${pid} ${nowMs} ${(0,external_node_crypto_.randomBytes)(6).toString('hex')}\n`;
            try {
                writeNew(lockPath, text);
            }
            catch (error) {
                if (error.code === 'EEXIST')
                    return false;
                throw error;
            }
            ownLock = text;
            return true;
        },
        lockHolder() {
            let text;
            let mtimeMs;
            try {
                mtimeMs = (0,external_node_fs_.lstatSync)(lockPath).mtimeMs;
                text = (0,external_node_fs_.readFileSync)(lockPath, 'utf8');
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return undefined;
                throw error;
            }
            const match = /^(\d+) (\d+) [0-9a-f]+\n$/.exec(text);
            return match
                ? { pid: Number(match[1]), sinceMs: Number(match[2]), text }
                : { pid: undefined, sinceMs: mtimeMs, text };
        },
        breakLock(holder) {
            if (readQuietly(lockPath) === holder.text)
                removeQuietly(lockPath);
        },
        unlock() {
            if (ownLock !== undefined && readQuietly(lockPath) === ownLock)
                removeQuietly(lockPath);
            ownLock = undefined;
        }
    };
}
function writeNew(path, text, mode = 0o600) {
    const fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL | NO_FOLLOW, mode);
    try {
        (0,external_node_fs_.fchmodSync)(fd, mode);
        (0,external_node_fs_.writeSync)(fd, text);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function replaceWhole(path, text) {
    const temp = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    writeNew(temp, text, 0o600);
    try {
        (0,external_node_fs_.renameSync)(temp, path);
    }
    catch (error) {
        removeQuietly(temp);
        throw error;
    }
}
function readPrivate(path) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(path, external_node_fs_.constants.O_RDONLY | NO_FOLLOW);
    }
    catch {
        return undefined;
    }
    try {
        const stat = (0,external_node_fs_.fstatSync)(fd);
        if (!stat.isFile())
            return undefined;
        if (process.platform !== 'win32') {
            if ((stat.mode & 0o077) !== 0 || stat.uid !== process.getuid?.())
                return undefined;
        }
        return (0,external_node_fs_.readFileSync)(fd, 'utf8');
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
function readQuietly(path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        return undefined;
    }
}
function removeQuietly(path) {
    try {
        (0,external_node_fs_.unlinkSync)(path);
    }
    catch {
    }
}
function checkDir(dir) {
    try {
        const stat = statSync(dir);
        if (!stat.isDirectory())
            return `${dir} is not a folder`;
        if (process.platform !== 'win32' && stat.uid !== process.getuid?.()) {
            return `${dir} belongs to another user`;
        }
        return undefined;
    }
    catch {
        return `its folder ${dir} is gone (the action's post step removes it at the end of the job)`;
    }
}
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}

;// CONCATENATED MODULE: ./src/refresh/machine.ts




function createRefreshMachine(tempDir, platform = process.platform) {
    const requireInsideTemp = (path) => {
        if (tempDir === '' || !(0,paths/* isInside */.F)(tempDir, path, platform)) {
            throw new Error(`refusing to touch ${path}: the refresh helper lives only under RUNNER_TEMP`);
        }
    };
    return {
        platform,
        makeDir(path) {
            requireInsideTemp(path);
            (0,external_node_fs_.mkdirSync)(path, { mode: 0o700 });
            (0,external_node_fs_.chmodSync)(path, 0o700);
        },
        writeProgram(path, content) {
            requireInsideTemp(path);
            writeNew(path, content, 0o700);
        },
        writeCache(dir, text) {
            requireInsideTemp(dir);
            keyFiles(dir).writeCache(text);
        },
        readCache(dir) {
            return keyFiles(dir).readCache();
        },
        readFile(path) {
            try {
                return (0,external_node_fs_.readFileSync)(path, 'utf8');
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return undefined;
                throw error;
            }
        },
        replaceFile(path, text) {
            (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true, mode: 0o700 });
            let real = path;
            try {
                real = (0,external_node_fs_.realpathSync)(path);
            }
            catch {
            }
            replaceWhole(real, text);
        },
        removeTree(path) {
            requireInsideTemp(path);
            try {
                if (!(0,external_node_fs_.lstatSync)(path).isDirectory())
                    throw new Error(`${path} is not a folder`);
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return false;
                throw error;
            }
            (0,external_node_fs_.rmSync)(path, { recursive: true, force: true });
            return true;
        }
    };
}


/***/ })

};
;
//# sourceMappingURL=554.index.js.map